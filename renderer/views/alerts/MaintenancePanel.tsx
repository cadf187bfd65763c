import { useState } from 'react';
import type { MaintenanceWindow } from '../../../preload/schemas/maintenance.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { SubmitRow } from '../../components/SubmitRow.tsx';
import { TextField } from '../../components/TextField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useConfirmedAction } from '../../components/use-confirmed-action.ts';
import { useSimpleSubmit } from '../../components/use-simple-submit.ts';
import { formatAt } from '../../format/time.ts';
import { useAlertsStore, useMonitorsStore } from '../../state/stores-context.tsx';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function describeSchedule(w: MaintenanceWindow): string {
  const s = w.schedule;
  if (s.type === 'once') return `once, ${formatAt(s.startsAt)} – ${formatAt(s.endsAt)}`;
  return `every ${s.weekdays.join(', ')} at ${s.startTime} ${s.timezone} for ${s.durationMinutes} min`;
}

const COLUMNS: readonly Column<MaintenanceWindow>[] = [
  { key: 'name', header: 'Name', rowHeader: true, render: (w) => w.name },
  {
    key: 'covers',
    header: 'Covers',
    render: (w) => (
      <>
        {w.monitorName}
        {w.scope === 'host' && <span className="sub">and every monitor that depends on it</span>}
      </>
    ),
  },
  { key: 'schedule', header: 'Schedule', render: describeSchedule },
  {
    key: 'now',
    header: 'Now',
    render: (w) =>
      w.activeNow ? (
        <span className="badge status-maintenance">in maintenance until {formatAt(w.activeNow.end)}</span>
      ) : w.next ? (
        <>
          next <Timestamp at={w.next.start} future />
        </>
      ) : (
        <span className="muted">none ahead</span>
      ),
  },
  { key: 'actions', header: 'Actions', render: (w) => <RemoveWindow window={w} /> },
];

/** Windows in which checks keep running and results are recorded, but alerts are held. */
export function MaintenancePanel() {
  const windows = useAlertsStore((s) => s.windows);
  return (
    <section className="card" aria-labelledby="maintenance-title">
      <h2 id="maintenance-title">Maintenance windows</h2>
      <p className="muted">Checks keep running and every result is recorded; alerts are held. An incident still open when the window ends is alerted then.</p>
      <DataTable columns={COLUMNS} rows={windows} rowKey={(w) => w.id} empty="No maintenance windows." />
      <AddWindowForm />
    </section>
  );
}

function RemoveWindow({ window: w }: { window: MaintenanceWindow }) {
  const removeWindow = useAlertsStore((s) => s.removeWindow);
  const remove = useConfirmedAction(() => removeWindow(w.id));
  return (
    <>
      <button type="button" className="danger" onClick={remove.ask}>
        Remove
      </button>
      {remove.confirming && (
        <ConfirmDialog title={`Remove the maintenance window "${w.name}"?`} confirmLabel="Remove window" {...remove.dialog}>
          <p>Alerts for {w.monitorName} are no longer held during it.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function AddWindowForm() {
  const saveWindow = useAlertsStore((s) => s.saveWindow);
  const collection = useMonitorsStore((s) => s.collection);
  const monitors = collection.order.map((id) => collection.byId.get(id)!).filter(Boolean);
  const [name, setName] = useState('');
  const [monitorId, setMonitorId] = useState('');
  const [scope, setScope] = useState<'host' | 'monitor'>('host');
  const [type, setType] = useState<'once' | 'weekly'>('weekly');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [days, setDays] = useState<string[]>(['sun']);
  const [startTime, setStartTime] = useState('02:00');
  const [duration, setDuration] = useState('60');
  const [timezone, setTimezone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const { errors, status, submit } = useSimpleSubmit();
  const add = async () => {
    const schedule =
      type === 'once'
        ? { type, startsAt: new Date(start).getTime(), endsAt: new Date(end).getTime() }
        : { type, weekdays: days as Array<(typeof WEEKDAYS)[number]>, startTime, durationMinutes: Number(duration), timezone };
    const saved = await saveWindow({ name, monitorId: Number(monitorId), scope, schedule });
    setName('');
    return `Added "${saved.name}".`;
  };
  const monitorChoices = [{ value: '', label: 'Choose a monitor…' }, ...monitors.map((m) => ({ value: String(m.id), label: m.name }))];
  return (
    <form
      className="edit-form"
      aria-labelledby="add-window-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(add);
      }}
    >
      <h3 id="add-window-title">Add a maintenance window</h3>
      <TextField label="Name" value={name} onChange={setName} error={errors.name} required />
      <div className="field-row">
        <SelectField label="Monitor" value={monitorId} choices={monitorChoices} onChange={setMonitorId} error={errors.monitorId} />
        <SelectField<'host' | 'monitor'>
          label="Covers"
          value={scope}
          choices={[
            { value: 'host', label: 'the monitor and its dependents (host)' },
            { value: 'monitor', label: 'this monitor only' },
          ]}
          onChange={setScope}
          error={errors.scope}
        />
        <SelectField<'once' | 'weekly'>
          label="Repeats"
          value={type}
          choices={[
            { value: 'weekly', label: 'weekly' },
            { value: 'once', label: 'once' },
          ]}
          onChange={setType}
        />
      </div>
      {type === 'once' ? (
        <div className="field-row">
          <DateTimeField label="Starts" value={start} onChange={setStart} error={errors['schedule.startsAt']} />
          <DateTimeField label="Ends" value={end} onChange={setEnd} error={errors['schedule.endsAt']} />
        </div>
      ) : (
        <>
          <fieldset className="choices">
            <legend>Days</legend>
            {WEEKDAYS.map((d) => (
              <label key={d} className="choice">
                <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays(e.target.checked ? [...days, d] : days.filter((x) => x !== d))} />
                {d}
              </label>
            ))}
          </fieldset>
          {errors['schedule.weekdays'] && <p className="text-danger">{errors['schedule.weekdays']}</p>}
          <div className="field-row">
            <TextField label="Start time (HH:MM)" value={startTime} onChange={setStartTime} error={errors['schedule.startTime']} />
            <TextField label="Duration (minutes)" type="number" value={duration} onChange={setDuration} error={errors['schedule.durationMinutes']} />
            <TextField label="Time zone (IANA)" value={timezone} onChange={setTimezone} error={errors['schedule.timezone']} />
          </div>
        </>
      )}
      {(errors.form || errors.schedule) && <p className="text-danger">{errors.form ?? errors.schedule}</p>}
      <SubmitRow status={status}>
        <button type="submit">Add window</button>
      </SubmitRow>
    </form>
  );
}

function DateTimeField({ label, value, onChange, error }: { label: string; value: string; onChange(v: string): void; error?: string | undefined }) {
  const id = `dt-${label.toLowerCase()}`;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label} (local time)</label>
      <input id={id} type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} />
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
