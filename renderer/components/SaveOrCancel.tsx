/** An editing form's last row: submit, which says it is saving while busy, and Cancel; neither works while saving. */
export function SaveOrCancel({ busy, saveLabel, onCancel }: { busy: boolean; saveLabel: string; onCancel(): void }) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Saving…' : saveLabel}
      </button>
      <button type="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </div>
  );
}
