import { useId, useRef, useState, type FormEvent } from 'react';
import type { HostSummary } from '../../../preload/schemas/hosts.ts';
import type { RunbookParam, RunbookSummary, RunPlan } from '../../../preload/schemas/recovery.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { TypedConfirmDialog } from '../../components/TypedConfirmDialog.tsx';
import { useAsyncAction } from '../../components/use-async-action.ts';
import { useConfirmedAction } from '../../components/use-confirmed-action.ts';
import { useFocusFirstInvalid } from '../../components/use-focus-first-invalid.ts';
import { runKey } from '../../state/runs-store.ts';
import { useHostsStore, useRunsStore } from '../../state/stores-context.tsx';
import { formatDuration } from '../../format/time.ts';
import { buildParams, initialParams, paramHint, placeParamError, type ParamDraft, type ParamErrors } from './runbook-params.ts';
import { dangerText } from './run-labels.ts';
import { RunFacts } from './RunOutcome.tsx';
import { RunOutputPane } from './RunOutputPane.tsx';

type ParamValues = Record<string, string | number>;

const WHERE_TEXT = { remote: 'on the host', local: 'on this machine', wait: 'waits' } as const satisfies Record<RunPlan['commands'][number]['where'], string>;

/**
 * One runbook on one host: parameters, the dry run with the exact commands, a typed confirmation,
 * then the live output and what the core recorded. A changed parameter throws the preview away, so
 * what was confirmed is always what was shown.
 */
export function RunPanel({ host, runbook, onRemoved }: { host: HostSummary; runbook: RunbookSummary; onRemoved(): void }) {
  const removeRunbook = useHostsStore((s) => s.removeRunbook);
  const removal = useConfirmedAction(async () => {
    await removeRunbook(Number(runbook.id));
    onRemoved();
  });
  const preview = useRunsStore((s) => s.preview);
  const start = useRunsStore((s) => s.start);
  const runId = useRunsStore((s) => s.lastStarted.get(runKey(host.id, runbook.id)));
  const run = useRunsStore((s) => (runId === undefined ? undefined : s.known.get(runId)));
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ParamDraft>(() => initialParams(runbook.params));
  const [errors, setErrors] = useState<ParamErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const [plan, setPlan] = useState<{ plan: RunPlan; values: ParamValues } | null>(null);
  const [confirming, setConfirming] = useState(false);
  useFocusFirstInvalid(formRef, failures);
  const previewing = useAsyncAction(async (values: ParamValues) => {
    const shown = await preview({ hostId: host.id, runbookId: runbook.id, params: values });
    setPlan({ plan: shown, values });
    setErrors({});
  });
  const starting = useAsyncAction(async (values: ParamValues, typed: string) => {
    await start({ hostId: host.id, runbookId: runbook.id, params: values, confirmation: typed });
    setConfirming(false);
  });
  const busy = previewing.busy || starting.busy;

  const change = (name: string, value: string) => {
    setDraft((d) => ({ ...d, [name]: value }));
    setErrors(({ [name]: _gone, ...rest }) => rest);
    setPlan(null);
  };

  const fail = (fields: ParamErrors, form: string | null) => {
    setErrors(fields);
    setFormError(form);
    setFailures((n) => n + 1);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFormError(null);
    const built = buildParams(runbook.params, draft);
    if (!built.ok) return fail(built.errors, null);
    const outcome = await previewing.run(built.values);
    if (!outcome.ok) {
      const placed = placeParamError(outcome.error, runbook.params);
      fail(placed.fields, placed.form);
    }
  };

  const confirm = (typed: string) => {
    if (plan) void starting.run(plan.values, typed);
  };

  const running = run?.status === 'running';

  return (
    <section className="run-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {runbook.name} <span className={`danger-tag danger-${runbook.danger}`}>{runbook.danger}</span>
      </h3>
      {runbook.description && <p>{runbook.description}</p>}
      {!runbook.builtin && (
        <p className="muted">
          Custom runbook {runbook.source === 'ui' ? 'made in the console' : `from ${runbook.source}`}
          {runbook.hostId === null ? ', offered on every host' : ''}.{' '}
          <button type="button" className="danger-quiet" onClick={removal.ask}>
            Remove runbook
          </button>
        </p>
      )}
      {removal.confirming && (
        <ConfirmDialog title={`Remove “${runbook.name}”?`} confirmLabel="Remove runbook" {...removal.dialog}>
          <p>It is no longer offered{runbook.hostId === null ? ' on any host' : ''}{runbook.schedule ? ' and its schedule stops' : ''}. Its past runs stay in the audit log.</p>
        </ConfirmDialog>
      )}
      {!runbook.available && (
        <p className="banner banner-warning" role="status">
          Not available here: {runbook.unavailableReason ?? 'no reason given'}
        </p>
      )}
      <form ref={formRef} noValidate aria-label={`Parameters of ${runbook.name}`} onSubmit={(e) => void submit(e)}>
        {formError && (
          <p className="field-error" role="alert">
            {formError}
          </p>
        )}
        {runbook.params.map((p) => (
          <ParamField key={p.name} param={p} value={draft[p.name] ?? ''} error={errors[p.name]} onChange={(v) => change(p.name, v)} />
        ))}
        <div className="actions">
          <button type="submit" className={plan ? undefined : 'primary'} disabled={busy || !runbook.available}>
            {busy && !plan ? 'Preparing…' : 'Preview'}
          </button>
          {!plan && <span className="muted">Shows exactly what will run; nothing runs yet.</span>}
        </div>
      </form>

      {plan && (
        <section className="plan" aria-label="Preview">
          <h4>What will run</h4>
          <p>
            {dangerText(plan.plan.danger)} · stops after {formatDuration(plan.plan.timeoutSeconds * 1000)}
          </p>
          <ol className="plan-steps">
            {plan.plan.commands.map((c) => (
              <li key={c.step}>
                <span className="plan-title">
                  {c.title} <span className="muted">({WHERE_TEXT[c.where]})</span>
                </span>
                <pre className="command">
                  <code>{c.display}</code>
                </pre>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button
              type="button"
              className={plan.plan.danger === 'read-only' ? 'primary' : 'danger'}
              disabled={busy || running}
              onClick={() => {
                starting.clearError();
                setConfirming(true);
              }}
            >
              Run {runbook.name}…
            </button>
            {running && <span className="muted">Wait for the current run to finish, or cancel it.</span>}
          </div>
        </section>
      )}

      {confirming && plan && (
        <TypedConfirmDialog
          title={`Run “${runbook.name}” on ${host.name}?`}
          phrase={plan.plan.confirmPhrase}
          inputLabel={plan.plan.danger === 'disruptive' ? `Type the host name (${plan.plan.confirmPhrase}) to confirm` : `Type ${plan.plan.confirmPhrase} to confirm`}
          confirmLabel="Run now"
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
          busy={busy}
          error={starting.error}
          wide
        >
          <p>{dangerText(plan.plan.danger)}.</p>
          <p>
            {plan.plan.commands.length === 1 ? 'This command runs' : `These ${plan.plan.commands.length} steps run`} in order, and stop after{' '}
            {formatDuration(plan.plan.timeoutSeconds * 1000)}:
          </p>
          <ol className="plan-steps compact">
            {plan.plan.commands.map((c) => (
              <li key={c.step}>
                <code>{c.display}</code>
              </li>
            ))}
          </ol>
        </TypedConfirmDialog>
      )}

      {runId !== undefined && <RunProgress runId={runId} hostName={host.name} runbookName={runbook.name} />}
    </section>
  );
}

function ParamField({ param: p, value, error, onChange }: { param: RunbookParam; value: string; error: string | undefined; onChange(v: string): void }) {
  const label = p.label ?? p.name;
  if (p.type === 'enum') {
    return <SelectField label={label} value={value} choices={p.values.map((v) => ({ value: v, label: v }))} onChange={onChange} error={error} hint={paramHint(p)} />;
  }
  return <TextField label={label} type={p.type === 'number' ? 'number' : 'text'} value={value} onChange={onChange} error={error} hint={paramHint(p)} />;
}

function RunProgress({ runId, hostName, runbookName }: { runId: number; hostName: string; runbookName: string }) {
  const run = useRunsStore((s) => s.known.get(runId));
  const output = useRunsStore((s) => s.outputs.get(runId));
  const cancel = useRunsStore((s) => s.cancel);
  const stop = useAsyncAction(() => cancel(runId));

  return (
    <section className="run-progress" aria-label={`Run ${runId}`} aria-busy={run?.status === 'running'}>
      <div className="title-row">
        <h4>
          Run {runId}: {runbookName} on {hostName}
        </h4>
        {run?.status === 'running' && (
          <button type="button" className="danger-quiet" onClick={() => void stop.run()} disabled={stop.busy}>
            {stop.busy ? 'Cancelling…' : 'Cancel run'}
          </button>
        )}
      </div>
      {stop.error && (
        <p className="field-error" role="alert">
          {stop.error}
        </p>
      )}
      <RunOutputPane label={`Output of run ${runId}`} output={output} empty={run?.status === 'running' ? 'Waiting for output…' : 'No output was streamed here.'} />
      {run && (
        <div role="status" aria-live="polite">
          {run.status === 'running' ? <p className="muted">Running…</p> : <p className="run-finished">Finished.</p>}
          <RunFacts run={run} />
        </div>
      )}
    </section>
  );
}
