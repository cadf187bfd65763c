import { useId, useRef, useState, type ReactNode } from 'react';
import { DialogButtons, ModalDialog } from './ModalDialog.tsx';

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
 * A confirmation for actions that must not happen by a stray click: the confirm button stays
 * disabled until the phrase is typed exactly. Focus starts in the input; Escape and Cancel close it.
 */
export function TypedConfirmDialog({ title, children, phrase, inputLabel, confirmLabel, onConfirm, onCancel, busy = false, error, wide = false }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const hintId = useId();
  const matches = typed.trim() === phrase;

  const controls = (
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
      <DialogButtons confirmLabel={confirmLabel} onCancel={onCancel} busy={busy} error={error} confirmDisabled={!matches} />
    </form>
  );
  return (
    <ModalDialog title={title} initialFocus={input} busy={busy} onCancel={onCancel} wide={wide} controls={controls}>
      {children}
    </ModalDialog>
  );
}
