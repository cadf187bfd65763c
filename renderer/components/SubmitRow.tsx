import type { ReactNode } from 'react';

/** A form's buttons, then the outcome of its last save, announced politely. */
export function SubmitRow({ status, children }: { status: string; children: ReactNode }) {
  return (
    <div className="actions">
      {children}
      {status && (
        <p className="form-status" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
