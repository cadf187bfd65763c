import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

interface Props {
  title: string;
  /** What is being asked: the dialog's accessible description. */
  children: ReactNode;
  /** Below the description: the controls (and for a typed confirmation, its input). */
  controls: ReactNode;
  /** Focused on opening. */
  initialFocus: RefObject<HTMLElement | null>;
  /** While the confirmed action runs, Escape does nothing. */
  busy: boolean;
  onCancel(): void;
  /** A wider dialog for long text such as commands or fingerprints. */
  wide?: boolean;
}

/**
 * The frame every confirmation shares. A modal <dialog>: the browser provides role="dialog",
 * aria-modal, an inert page behind it and Escape (the `cancel` event). Focus goes back to whatever
 * opened the dialog when it closes.
 */
export function ModalDialog({ title, children, controls, initialFocus, busy, onCancel, wide = false }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    initialFocus.current?.focus();
    return () => {
      if (el?.open) el.close();
      if (opener?.isConnected) opener.focus();
    };
    // Only on opening: focus must not jump back while the operator works in the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <dialog
      ref={dialog}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        // React state decides whether the dialog exists; the browser must not close it behind our back.
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      {controls}
    </dialog>
  );
}

interface ButtonsProps {
  confirmLabel: string;
  onCancel(): void;
  busy: boolean;
  error?: string | null | undefined;
  /** Without it the confirm button submits the form around it. */
  onConfirm?: () => void;
  confirmDisabled?: boolean;
  cancelRef?: RefObject<HTMLButtonElement | null>;
}

/** The refusal, if any, then Cancel and the (dangerous) confirm button. */
export function DialogButtons({ confirmLabel, onCancel, busy, error, onConfirm, confirmDisabled = false, cancelRef }: ButtonsProps) {
  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" ref={cancelRef} onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type={onConfirm ? 'button' : 'submit'} className="danger" onClick={onConfirm} disabled={busy || confirmDisabled}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </>
  );
}
