// A modal built on <dialog>: the browser traps focus, Escape closes it, and the opener gets focus
// back — what a keyboard user under stress needs without a library.
import { useEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  /** `danger` frames the dialog in red (production confirmations). */
  tone?: 'normal' | 'danger';
}

export function Dialog({ title, open, onClose, children, tone = 'normal' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={`dialog dialog-${tone}`} aria-label={title} onClose={onClose} onCancel={onClose}>
      {open && (
        <>
          <h2 className="dialog-title">{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}
