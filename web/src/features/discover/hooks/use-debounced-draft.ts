import { useEffect, useRef, useState } from "react";

export const TYPING_PAUSE_MS = 300;

/**
 * A text field that edits `value` as you type but hands it to `commit` only after a pause (or at once with
 * `flush`). When `value` changes from elsewhere (Back, "Clear filters"), the field shows the new value.
 */
export function useDebouncedDraft(
  value: string,
  commit: (next: string) => void,
  delayMs = TYPING_PAUSE_MS,
): { draft: string; setDraft: (next: string) => void; flush: () => void } {
  const [draft, setDraft] = useState(value);
  const [sent, setSent] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // Adjusting state while rendering (React's pattern for props that change): no effect, no flash.
    setSeen(value);
    if (value !== sent) {
      setSent(value);
      setDraft(value);
    }
  }

  const latestCommit = useRef(commit);
  useEffect(() => {
    latestCommit.current = commit;
  });

  useEffect(() => {
    if (draft === sent) return;
    const timer = setTimeout(() => {
      setSent(draft);
      latestCommit.current(draft);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draft, sent, delayMs]);

  const flush = () => {
    if (draft === sent) return;
    setSent(draft);
    commit(draft);
  };
  return { draft, setDraft, flush };
}
