import type { DeskEvent } from "../api/get-desk-log";
import { UNDO_WINDOW_MS } from "../api/undo-use";

/**
 * The uses that can still be undone at `now`: within the window, the code still used, and not already undone (the
 * log is newest first, so a use counts only when it is the newest event of its redemption). The server has the
 * last word.
 */
export function undoableUses(events: readonly DeskEvent[], now: number): Set<string> {
  const seen = new Set<string>();
  const undoable = new Set<string>();
  for (const event of events) {
    const newest = !seen.has(event.redemption_id);
    seen.add(event.redemption_id);
    const stillUsed = event.redemption_status === "used";
    if (newest && stillUsed && event.action === "use" && now - Date.parse(event.at) < UNDO_WINDOW_MS) undoable.add(event.id);
  }
  return undoable;
}

/** When the undo window of a use closes. */
export function undoDeadline(event: DeskEvent): string {
  return new Date(Date.parse(event.at) + UNDO_WINDOW_MS).toISOString();
}
