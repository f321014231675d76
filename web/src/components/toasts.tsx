import { createContext, use, useCallback, useEffect, useRef, useState, type ReactNode } from "react";

// Short messages in the corner that leave by themselves; read out by screen readers as they appear.

export type ToastTone = "info" | "success" | "error";

export interface Toast {
  title: string;
  body?: string;
  tone?: ToastTone;
  action?: { label: string; onClick: () => void };
}

interface ShownToast extends Toast {
  id: number;
}

const ToastContext = createContext<((toast: Toast) => void) | null>(null);
const SHOWN_FOR_MS = 6_000;
const MAX_SHOWN = 4;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ShownToast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  const dismiss = useCallback((id: number) => setToasts((shown) => shown.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (toast: Toast) => {
      const id = nextId.current++;
      setToasts((shown) => [...shown.slice(-(MAX_SHOWN - 1)), { ...toast, id }]);
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, SHOWN_FOR_MS);
      timers.current.add(timer);
    },
    [dismiss],
  );

  return (
    <ToastContext value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone ?? "info"}`} data-testid="toast">
            <div className="toast-text">
              <strong>{toast.title}</strong>
              {toast.body !== undefined && <span>{toast.body}</span>}
            </div>
            {toast.action !== undefined && (
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  toast.action?.onClick();
                  dismiss(toast.id);
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext>
  );
}

export function useToast(): (toast: Toast) => void {
  const show = use(ToastContext);
  if (show === null) throw new Error("useToast outside ToastProvider");
  return show;
}
