import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  /** What must be typed (or pasted), exactly, before the confirm button works. */
  phrase: string;
  /** e.g. "Type the host name to confirm". */
  inputLabel: string;
  confirmLabel: string;
  /** Receives what was typed: the core checks it again, so the view never confirms on its own. */
  onConfirm(typed: string): void;
  onCancel(): void;
  busy?: boolean;
  error?: string | null;
  /** A wider dialog for long text such as commands or fingerprints. */
  wide?: boolean;
}

/**
 * A modal dialog for actions that must not happen by a stray click: the confirm button stays
 * disabled until the phrase is typed exactly. Focus starts in the input; Escape and Cancel close it.
 */
export function TypedConfirmDialog({ title, children, phrase, inputLabel, confirmLabel, onConfirm, onCancel, busy = false, error, wide = false }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const titleId = useId();
  const bodyId = useId();
  const inputId = useId();
  const hintId = useId();
  const matches = typed.trim() === phrase;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    input.current?.focus();
    return () => {
      if (el?.open) el.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>{children}</div>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (matches && !busy) onConfirm(typed.trim());
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>{inputLabel}</label>
          <input
            id={inputId}
            ref={input}
            className="typed-phrase"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={hintId}
            onChange={(e) => setTyped(e.target.value)}
          />
          <p className="field-hint" id={hintId}>
            {matches ? 'Matches.' : <>Type <code>{phrase}</code> exactly.</>}
          </p>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={busy || !matches}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
