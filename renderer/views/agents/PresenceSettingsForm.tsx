import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { toApiError } from '../../api/client.ts';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useAgentsStore } from '../../state/stores-context.tsx';
import { parseSeconds, placeOn } from './agent-forms.ts';

type Field = 'heartbeatSeconds' | 'staleAfterSeconds' | 'offlineAfterSeconds';
const FIELDS: Field[] = ['heartbeatSeconds', 'staleAfterSeconds', 'offlineAfterSeconds'];

/** The project's presence thresholds; reports it on `onLoaded` so cards can mark stale heartbeats. */
export function PresenceSettingsForm({ projectId, onLoaded }: { projectId: string; onLoaded(staleAfterSeconds: number): void }) {
  const loadSettings = useAgentsStore((s) => s.loadSettings);
  const updateSettings = useAgentsStore((s) => s.updateSettings);
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<Field, string> | null>(null);
  const [saved, setSaved] = useState('');
  const { errors, formError, busy, fail, clearError, attempt } = useFormErrors<Field>(formRef);

  useEffect(() => {
    // The caller remounts this form per project (key), so there is no previous project's values to clear.
    let current = true;
    loadSettings(projectId).then(
      (s) => {
        if (!current) return;
        setValues({ heartbeatSeconds: String(s.heartbeatSeconds), staleAfterSeconds: String(s.staleAfterSeconds), offlineAfterSeconds: String(s.offlineAfterSeconds) });
        onLoaded(s.staleAfterSeconds);
      },
      (err: unknown) => current && fail({}, toApiError(err).message),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the project changes
  }, [projectId, loadSettings]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !values) return;
    setSaved('');
    await attempt(
      () =>
        updateSettings({
          projectId,
          heartbeatSeconds: parseSeconds(values.heartbeatSeconds),
          staleAfterSeconds: parseSeconds(values.staleAfterSeconds),
          offlineAfterSeconds: parseSeconds(values.offlineAfterSeconds),
        }),
      placeOn(FIELDS),
      (s) => {
        onLoaded(s.staleAfterSeconds);
        setSaved('Thresholds saved.');
      },
    );
  };
  const field = (f: Field, label: string, hint: string) => (
    <TextField
      label={label}
      type="number"
      value={values?.[f] ?? ''}
      onChange={(v) => {
        setValues((old) => (old ? { ...old, [f]: v } : old));
        clearError(f);
      }}
      error={errors[f]}
      hint={hint}
    />
  );

  return (
    <form ref={formRef} className="card" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
      <h2 id={titleId}>Presence thresholds</h2>
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      {values && (
        <div className="field-row">
          {field('heartbeatSeconds', 'Heartbeat every (s)', 'Expected rhythm; responsiveness is measured against it')}
          {field('staleAfterSeconds', 'Stale after (s)', 'No report for this long: STALE')}
          {field('offlineAfterSeconds', 'Offline after (s)', 'No report for this long: OFFLINE')}
        </div>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || !values}>
          Save thresholds
        </button>
        <span className="form-status" role="status">
          {saved}
        </span>
      </div>
    </form>
  );
}
