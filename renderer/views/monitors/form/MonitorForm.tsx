import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { MonitorDefinition, MonitorSummary } from '../../../../preload/contract.ts';
import { SaveOrCancel } from '../../../components/SaveOrCancel.tsx';
import { SelectField, type Choice } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { useFormErrors } from '../../../components/use-form-errors.ts';
import { useMonitorsStore, useProjectsStore } from '../../../state/stores-context.tsx';
import { KIND_CHOICES, ROLE_CHOICES } from '../monitor-labels.ts';
import { parentChoices } from './parent-choices.ts';
import { placeMonitorError, toSaveInput, type DraftField, type MonitorDraft } from './monitor-draft.ts';
import { TargetFields } from './TargetFields.tsx';

interface Props {
  title: string;
  initial: MonitorDraft;
  /** Set when editing: the monitor's id and stored definition (fields the form does not show are kept). */
  base?: { id: number; definition: MonitorDefinition };
  onSaved(summary: MonitorSummary): void;
  onCancel(): void;
}

export function MonitorForm({ title, initial, base, onSaved, onCancel }: Props) {
  const save = useMonitorsStore((s) => s.save);
  const allParents = useMonitorsStore((s) => parentChoices(s.collection));
  const projects = useProjectsStore((s) => s.projects);
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const { errors, formError, busy, fail, clearError, attempt } = useFormErrors<DraftField>(formRef);

  const set =
    <F extends DraftField>(field: F) =>
    (value: MonitorDraft[F]) => {
      setDraft((d) => ({ ...d, [field]: value }));
      clearError(field);
    };

  const projectChoices = useMemo<Choice<string>[]>(() => [{ value: '', label: 'No project' }, ...projects.map((p) => ({ value: p.id, label: p.name }))], [projects]);
  const parents = useMemo<Choice<string>[]>(() => {
    const self = base ? String(base.id) : null;
    return [{ value: '', label: 'None' }, ...allParents.filter((c) => c.value !== self)];
  }, [allParents, base]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const built = toSaveInput(draft, base);
    if (!built.ok) return fail(built.errors, null);
    await attempt(() => save(built.input), (err) => placeMonitorError(err, draft), onSaved);
  };

  return (
    <form ref={formRef} className="card monitor-form" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
      <h2 id={titleId}>{title}</h2>
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="field-row">
        <TextField label="Name" required value={draft.name} onChange={set('name')} error={errors.name} />
        <SelectField label="Project" value={draft.projectId} choices={projectChoices} onChange={set('projectId')} error={errors.projectId} />
      </div>
      <div className="field-row">
        <SelectField label="Kind" value={draft.kind} choices={KIND_CHOICES} onChange={set('kind')} error={errors.kind} />
        <SelectField
          label="Role"
          value={draft.role}
          choices={ROLE_CHOICES}
          onChange={set('role')}
          error={errors.role}
          hint="Which row of the Overview this monitor counts towards."
        />
      </div>
      <fieldset className="group">
        <legend>Target</legend>
        <TargetFields draft={draft} errors={errors} set={set} />
      </fieldset>
      <TextField
        label="Conditions"
        multiline
        value={draft.conditions}
        onChange={set('conditions')}
        error={errors.conditions}
        hint="One per line, all must hold, e.g. [STATUS] == 200 or [RESPONSE_TIME] < 300. Empty uses the kind's defaults."
      />
      <div className="field-row">
        <TextField label="Interval (seconds)" type="number" value={draft.intervalSeconds} onChange={set('intervalSeconds')} error={errors.intervalSeconds} hint="At least 5." />
        <TextField
          label="Timeout (seconds)"
          type="number"
          value={draft.timeoutSeconds}
          onChange={set('timeoutSeconds')}
          error={errors.timeoutSeconds}
          hint="Empty: 80 % of the interval, at most 30."
        />
      </div>
      <div className="field-row">
        <TextField
          label="Failures before DOWN"
          type="number"
          value={draft.failureThreshold}
          onChange={set('failureThreshold')}
          error={errors.failureThreshold}
        />
        <TextField
          label="Successes before UP"
          type="number"
          value={draft.successThreshold}
          onChange={set('successThreshold')}
          error={errors.successThreshold}
          hint="After being DOWN."
        />
      </div>
      <SelectField
        label="Parent monitor"
        value={draft.parentId}
        choices={parents}
        onChange={set('parentId')}
        error={errors.parentId}
        hint="While the parent fails, this monitor's failures are shown as blocked instead of opening a second incident."
      />
      <fieldset className="group">
        <legend>Metric (optional)</legend>
        <div className="field-row">
          <TextField label="Metric name" value={draft.metricName} onChange={set('metricName')} error={errors.metricName} />
          <TextField
            label="Metric source"
            value={draft.metricSource}
            onChange={set('metricSource')}
            error={errors.metricSource}
            hint="e.g. [BODY].errors.rate, or [BODY] for a command's output."
          />
          <TextField label="Unit" value={draft.metricUnit} onChange={set('metricUnit')} error={errors.metricUnit} />
        </div>
      </fieldset>
      <SaveOrCancel busy={busy} saveLabel={base ? 'Save changes' : 'Add monitor'} onCancel={onCancel} />
    </form>
  );
}
