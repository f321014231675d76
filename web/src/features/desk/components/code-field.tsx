import { useLayoutEffect, useRef, type RefObject } from "react";

import { caretAfterSymbols, codeSymbols, formatCodeInput } from "../utils/code";

// The code as the guest shows it: typed in any case, with or without dashes, shown in groups of four. The caret
// stays after the symbol just typed even when a dash appears or disappears before it.

interface CodeFieldProps {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
}

export function CodeField({ value, onChange, error, inputRef }: CodeFieldProps) {
  const caret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const input = inputRef.current;
    if (caret.current === null || input === null || document.activeElement !== input) return;
    input.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [value, inputRef]);

  return (
    <div className={`field desk-code-field ${error !== undefined ? "field-invalid" : ""}`}>
      <label htmlFor="desk-code">Coupon code</label>
      <input
        id="desk-code"
        ref={inputRef}
        className="desk-code-input"
        value={value}
        onChange={(event) => {
          const typed = event.target.value;
          const symbolsBefore = codeSymbols(typed.slice(0, event.target.selectionStart ?? typed.length)).length;
          const formatted = formatCodeInput(typed);
          caret.current = caretAfterSymbols(formatted, symbolsBefore);
          onChange(formatted);
        }}
        placeholder="XXXX-XXXX-XXXX"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="characters"
        spellCheck={false}
        inputMode="text"
        enterKeyHint="done"
        aria-describedby={error !== undefined ? "desk-code-hint desk-code-error" : "desk-code-hint"}
        aria-invalid={error !== undefined || undefined}
      />
      <p id="desk-code-hint" className="field-hint">
        12 characters from the guest's coupon, e.g. 7KQ2-M9XD-4T1Z. Case and dashes do not matter.
      </p>
      {error !== undefined && (
        <p id="desk-code-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
