import { useRef, type ReactNode } from 'react';
import { DialogButtons, ModalDialog } from './ModalDialog.tsx';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /** While the confirmed action runs: buttons are disabled and Escape does nothing. */
  busy?: boolean;
  error?: string | null;
}

/** A confirmation for an action one click may take. Focus starts on Cancel, because the safe choice should be the easy one. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, busy = false, error }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog
      title={title}
      initialFocus={cancel}
      busy={busy}
      onCancel={onCancel}
      controls={<DialogButtons confirmLabel={confirmLabel} onConfirm={onConfirm} onCancel={onCancel} busy={busy} error={error} cancelRef={cancel} />}
    >
      {children}
    </ModalDialog>
  );
}
