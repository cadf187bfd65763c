import { useId, useRef, useState, type FormEvent } from 'react';
import type { HostSummary } from '../../../preload/schemas/hosts.ts';
import type { RunbookSummary } from '../../../preload/schemas/recovery.ts';
import { CheckboxField } from '../../components/CheckboxField.tsx';
import { SaveOrCancel } from '../../components/SaveOrCancel.tsx';
import { SelectField, type Choice } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { INVALID_FIELD } from '../../components/use-focus-first-invalid.ts';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useHostsStore } from '../../state/stores-context.tsx';
import { emptyRunbook, newParam, newStep, placeRunbookError, toRunbookInput, type ParamRow, type ParamType, type RunbookDraft, type StepKind, type StepRow } from './runbook-draft.ts';

const PARAM_TYPES: readonly Choice<ParamType>[] = [
  { value: 'string', label: 'Text' },
  { value: 'enum', label: 'One of a list' },
  { value: 'number', label: 'Number' },
];

const STEP_KINDS: readonly Choice<StepKind>[] = [
  { value: 'remote', label: 'Command on the host (over SSH)' },
  { value: 'local', label: 'Command on this machine (e.g. a cloud CLI)' },
  { value: 'waitForSsh', label: 'Wait until SSH answers' },
  { value: 'verifyMonitors', label: 'Wait until the host’s monitors are UP' },
];

interface Props {
  host: HostSummary;
  onSaved(runbook: RunbookSummary): void;
  onCancel(): void;
}

/**
 * A custom runbook: typed parameters and a list of steps. Commands are argument lists, one per
 * line, never a shell line: a parameter is written {{name}} inside an argument, and the core
 * quotes the whole argument, so no value can change the command's shape.
 */
export function RunbookEditor({ host, onSaved, onCancel }: Props) {
  const saveRunbook = useHostsStore((s) => s.saveRunbook);
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<RunbookDraft>(emptyRunbook);
  // Row errors belong to a group of fields rather than one input, so they take focus themselves.
  const { errors, busy, fail, clearError, attempt } = useFormErrors<string>(formRef, `${INVALID_FIELD}, .row-error, [role="alert"]`);

  const patch = (p: Partial<RunbookDraft>, clear: string) => {
    setDraft((d) => ({ ...d, ...p }));
    clearError(clear);
  };
  const patchParam = (i: number, p: Partial<ParamRow>) => patch({ params: draft.params.map((row, n) => (n === i ? { ...row, ...p } : row)) }, `params.${i}`);
  const patchStep = (i: number, p: Partial<StepRow>) => patch({ steps: draft.steps.map((row, n) => (n === i ? { ...row, ...p } : row)) }, `steps.${i}`);

  // The form-wide refusal is one more entry of the runbook's errors (errors.form), not a separate message.
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const built = toRunbookInput(draft, host.id);
    if (!built.ok) return fail(built.errors, null);
    await attempt(() => saveRunbook(built.input), (err) => ({ fields: placeRunbookError(err), form: null }), onSaved);
  };

  return (
    <form ref={formRef} className="card runbook-editor" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={titleId}>New runbook</h3>
      {errors.form && (
        <p className="field-error" role="alert" tabIndex={-1}>
          {errors.form}
        </p>
      )}
      <div className="field-row">
        <TextField label="Name" required value={draft.name} onChange={(v) => patch({ name: v }, 'name')} error={errors.name} />
        <TextField label="Timeout (seconds)" type="number" value={draft.timeoutSeconds} onChange={(v) => patch({ timeoutSeconds: v }, 'timeoutSeconds')} error={errors.timeoutSeconds} hint="The whole run stops after this." />
      </div>
      <TextField label="Description" multiline value={draft.description} onChange={(v) => patch({ description: v }, 'description')} error={errors.description} />
      <CheckboxField
        label="Read-only: it changes nothing on the host"
        checked={draft.readOnly}
        onChange={(v) => patch({ readOnly: v }, 'readOnly')}
        error={errors.readOnly}
        hint="Only read-only runbooks may run on a schedule, and they are confirmed by typing yes rather than the host name."
      />
      <CheckboxField label={`Offer it on ${host.name} only`} checked={draft.thisHostOnly} onChange={(v) => patch({ thisHostOnly: v }, 'hostId')} hint="Untick to offer it on every host." />
      <TextField
        label="Schedule (optional)"
        value={draft.schedule}
        onChange={(v) => patch({ schedule: v }, 'schedule')}
        error={errors.schedule}
        hint="e.g. every 6h, daily 03:30, weekly mon 04:00 (local time). Read-only runbooks only."
      />

      <fieldset className="group">
        <legend>Parameters</legend>
        {draft.params.length === 0 && <p className="muted">None. A parameter is typed when the runbook is run, and used in a step as {'{{name}}'}.</p>}
        {draft.params.map((p, i) => (
          <fieldset key={p.key} className="group row-group" aria-label={`Parameter ${i + 1}`}>
            <div className="field-row">
              <TextField label="Name" value={p.name} onChange={(v) => patchParam(i, { name: v })} hint="lower_snake_case" />
              <SelectField label="Type" value={p.type} choices={PARAM_TYPES} onChange={(v) => patchParam(i, { type: v })} />
              <TextField label="Label (optional)" value={p.label} onChange={(v) => patchParam(i, { label: v })} />
            </div>
            {p.type === 'string' && (
              <div className="field-row">
                <TextField label="Pattern (optional)" value={p.pattern} onChange={(v) => patchParam(i, { pattern: v })} hint="A regular expression the whole value must match, e.g. [a-z0-9.-]+" />
                <TextField label="Maximum length" type="number" value={p.maxLength} onChange={(v) => patchParam(i, { maxLength: v })} hint="Empty: 256" />
                <TextField label="Default (optional)" value={p.default} onChange={(v) => patchParam(i, { default: v })} />
              </div>
            )}
            {p.type === 'enum' && (
              <div className="field-row">
                <TextField label="Values" value={p.values} onChange={(v) => patchParam(i, { values: v })} hint="Separated by commas." />
                <TextField label="Default (optional)" value={p.default} onChange={(v) => patchParam(i, { default: v })} />
              </div>
            )}
            {p.type === 'number' && (
              <div className="field-row">
                <TextField label="Minimum" type="number" value={p.min} onChange={(v) => patchParam(i, { min: v })} />
                <TextField label="Maximum" type="number" value={p.max} onChange={(v) => patchParam(i, { max: v })} />
                <TextField label="Default (optional)" type="number" value={p.default} onChange={(v) => patchParam(i, { default: v })} />
                <CheckboxField label="Whole numbers only" checked={p.integer} onChange={(v) => patchParam(i, { integer: v })} />
              </div>
            )}
            {errors[`params.${i}`] && (
              <p className="field-error row-error" tabIndex={-1}>
                {errors[`params.${i}`]}
              </p>
            )}
            <button type="button" className="danger-quiet" onClick={() => patch({ params: draft.params.filter((_, n) => n !== i) }, `params.${i}`)}>
              Remove parameter {i + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => patch({ params: [...draft.params, newParam()] }, 'params')}>
          Add parameter
        </button>
      </fieldset>

      <fieldset className="group">
        <legend>Steps, in order</legend>
        {draft.steps.map((s, i) => (
          <fieldset key={s.key} className="group row-group" aria-label={`Step ${i + 1}`}>
            <div className="field-row">
              <SelectField label={`Step ${i + 1}`} value={s.kind} choices={STEP_KINDS} onChange={(v) => patchStep(i, { kind: v })} />
              <TextField label="Title (optional)" value={s.title} onChange={(v) => patchStep(i, { title: v })} />
            </div>
            {s.kind === 'remote' || s.kind === 'local' ? (
              <>
                <TextField
                  label="Command, one argument per line"
                  multiline
                  value={s.argv}
                  onChange={(v) => patchStep(i, { argv: v })}
                  hint="First line: the program. No shell: spaces, quotes and ; are plain text. Put {{name}} inside an argument for a parameter."
                />
                <div className="choices">
                  {s.kind === 'remote' && <CheckboxField label="With sudo -n" checked={s.sudo} onChange={(v) => patchStep(i, { sudo: v })} />}
                  <CheckboxField label="Go on if it fails" checked={s.continueOnError} onChange={(v) => patchStep(i, { continueOnError: v })} />
                </div>
              </>
            ) : (
              <TextField label="Give up after (seconds)" type="number" value={s.timeoutSeconds} onChange={(v) => patchStep(i, { timeoutSeconds: v })} />
            )}
            {errors[`steps.${i}`] && (
              <p className="field-error row-error" tabIndex={-1}>
                {errors[`steps.${i}`]}
              </p>
            )}
            {draft.steps.length > 1 && (
              <button type="button" className="danger-quiet" onClick={() => patch({ steps: draft.steps.filter((_, n) => n !== i) }, `steps.${i}`)}>
                Remove step {i + 1}
              </button>
            )}
          </fieldset>
        ))}
        <button type="button" onClick={() => patch({ steps: [...draft.steps, newStep()] }, 'steps')}>
          Add step
        </button>
      </fieldset>

      <SaveOrCancel busy={busy} saveLabel="Save runbook" onCancel={onCancel} />
    </form>
  );
}
