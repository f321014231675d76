import { useEffect, useRef, type RefObject } from "react";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE));
}

/**
 * Makes `dialog` modal while mounted: the rest of the page is inert, Tab and Shift+Tab cycle inside it, Escape
 * calls `onClose`, the page behind does not scroll, and the focus goes back where it was (or to `fallbackFocus`
 * when that element has gone, say the button of a claim that has just been used).
 */
export function useModal(
  dialog: RefObject<HTMLElement | null>,
  onClose: () => void,
  fallbackFocus?: () => HTMLElement | null,
): void {
  const latest = useRef({ onClose, fallbackFocus });
  useEffect(() => {
    latest.current = { onClose, fallbackFocus };
  });

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const host = element.closest<HTMLElement>("[data-modal-root]") ?? element;
    const background = Array.from(document.body.children).filter((child) => child !== host && !child.hasAttribute("inert"));
    for (const child of background) child.setAttribute("inert", "");
    document.body.classList.add("modal-open");
    (focusables(element)[0] ?? element).focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        latest.current.onClose();
        return;
      }
      if (event.key !== "Tab") return;
      const items = focusables(element);
      const first = items[0];
      const last = items.at(-1);
      if (first === undefined || last === undefined) {
        event.preventDefault();
        element.focus();
      } else if (event.shiftKey && (document.activeElement === first || !element.contains(document.activeElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !element.contains(document.activeElement))) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener("keydown", onKeyDown);

    return () => {
      document.removeEventListener("keydown", onKeyDown);
      for (const child of background) child.removeAttribute("inert");
      document.body.classList.remove("modal-open");
      const target = opener?.isConnected === true ? opener : latest.current.fallbackFocus?.();
      target?.focus();
    };
  }, [dialog]);
}
