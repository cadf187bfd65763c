import { useState } from 'react';
import type { AlertPolicyShape } from '../../../preload/schemas/alerts.ts';
import { SubmitRow } from '../../components/SubmitRow.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useSimpleSubmit } from '../../components/use-simple-submit.ts';
import { useAlertsStore } from '../../state/stores-context.tsx';

/** Reminder interval and flapping rule. */
export function PolicyForm({ policy }: { policy: AlertPolicyShape }) {
  const updatePolicy = useAlertsStore((s) => s.updatePolicy);
  const [reminder, setReminder] = useState(String(policy.reminderMinutes));
  const [window, setWindow] = useState(String(policy.flapWindowMinutes));
  const [threshold, setThreshold] = useState(String(policy.flapThreshold));
  const { errors, status, submit } = useSimpleSubmit();
  const save = async () => {
    await updatePolicy({ reminderMinutes: Number(reminder), flapWindowMinutes: Number(window), flapThreshold: Number(threshold) });
    return 'Saved.';
  };
  return (
    <form
      className="card edit-form"
      aria-labelledby="policy-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(save);
      }}
    >
      <h2 id="policy-title">When to alert</h2>
      <p className="muted">
        One alert when an incident opens (a monitor blocked by its failing parent raises none of its own), one when it closes, and a
        reminder while it stays open. A monitor with {threshold || 'N'} or more incidents within {window || 'M'} minutes is flapping: one
        alert, then quiet until it has been stable for that long.
      </p>
      <div className="field-row">
        <TextField label="Reminder every (minutes, 0 = never)" type="number" value={reminder} onChange={setReminder} error={errors.reminderMinutes} />
        <TextField label="Flapping window (minutes)" type="number" value={window} onChange={setWindow} error={errors.flapWindowMinutes} />
        <TextField label="Incidents in the window" type="number" value={threshold} onChange={setThreshold} error={errors.flapThreshold} />
      </div>
      {errors.form && <p className="text-danger">{errors.form}</p>}
      <SubmitRow status={status}>
        <button type="submit">Save</button>
      </SubmitRow>
    </form>
  );
}
