import { useMemo, useState } from 'react';
import type { AgentSummary } from '../../../preload/schemas/agents.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { SelectField, type Choice } from '../../components/SelectField.tsx';
import { useAsyncAction } from '../../components/use-async-action.ts';
import { useConfirmedAction } from '../../components/use-confirmed-action.ts';
import { useAgentsStore, useProjectsStore } from '../../state/stores-context.tsx';
import { AgentCard } from './AgentCard.tsx';
import { AgentForm } from './AgentForm.tsx';
import { AgentHistoryPanel } from './AgentHistoryPanel.tsx';
import { PresenceSettingsForm } from './PresenceSettingsForm.tsx';
import { PullSourcesPanel } from './PullSourcesPanel.tsx';
import { ReportInPanel } from './ReportInPanel.tsx';
import { Workload } from './Workload.tsx';

/** Who works on each project, what they are doing, and how far their measured record says to trust them. */
export function AgentsView() {
  const projects = useProjectsStore((s) => s.projects);
  const byId = useAgentsStore((s) => s.agents);
  const sources = useAgentsStore((s) => s.sources);
  const ingest = useAgentsStore((s) => s.ingest);
  const status = useAgentsStore((s) => s.status);
  const error = useAgentsStore((s) => s.error);
  const reload = useAgentsStore((s) => s.reload);
  const createToken = useAgentsStore((s) => s.createToken);
  const retire = useAgentsStore((s) => s.retire);

  const [chosen, setChosen] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [editing, setEditing] = useState<AgentSummary | 'new' | null>(null);
  const [fresh, setFresh] = useState<{ agentCode: string; token: string } | null>(null);
  const [staleAfter, setStaleAfter] = useState<number | undefined>(undefined);
  const [retiring, setRetiring] = useState<AgentSummary | null>(null);
  const retirement = useConfirmedAction(async () => {
    if (!retiring) return;
    await retire(retiring.id);
    setRetiring(null);
  });

  const projectId = chosen && projects.some((p) => p.id === chosen) ? chosen : (projects[0]?.id ?? null);
  const all = useMemo(() => Object.values(byId), [byId]);
  const agents = useMemo(
    () => all.filter((a) => a.projectId === projectId).sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || a.code.localeCompare(b.code)),
    [all, projectId],
  );
  const selected = agents.find((a) => a.id === selectedId) ?? null;
  const choices = useMemo<Choice<string>[]>(() => projects.map((p) => ({ value: p.id, label: p.name })), [projects]);

  const tokenIssue = useAsyncAction(async (agent: AgentSummary) => {
    const { token } = await createToken(agent.id);
    setFresh({ agentCode: agent.code, token });
  });
  const actionError = tokenIssue.error;

  return (
    <section className="view view-wide" aria-labelledby="view-title">
      <div className="title-row">
        <h1 id="view-title">Agents</h1>
        {projectId && (
          <div className="inline-field">
            <SelectField label="Project" value={projectId} choices={choices} onChange={(v) => (setChosen(v), setSelectedId(null), setEditing(null))} />
          </div>
        )}
      </div>
      {error && <ErrorBanner title="Could not load the agents" error={error} onRetry={() => void reload()} />}
      {actionError && (
        <p className="field-error" role="alert">
          {actionError}
        </p>
      )}
      {status === 'loading' && <p className="muted">Loading agents…</p>}
      {projectId === null && status !== 'loading' && <p className="lead">Add a project first: every project gets the agents A–F, which you can rename, extend or retire.</p>}
      {projectId && (
        <>
          <ReportInPanel ingest={ingest} fresh={fresh} onDismiss={() => setFresh(null)} />
          <Workload projects={projects} agents={all} />
          <div className="title-row">
            <h2>Roster</h2>
            <button type="button" onClick={() => setEditing('new')}>
              Add agent
            </button>
          </div>
          {editing && <AgentForm key={editing === 'new' ? 'new' : editing.id} projectId={projectId} {...(editing !== 'new' && { agent: editing })} onDone={() => setEditing(null)} />}
          <div className="agent-grid">
            {agents.map((a) => (
              <AgentCard
                key={a.id}
                agent={a}
                staleAfterSeconds={staleAfter}
                selected={a.id === selectedId}
                onSelect={() => setSelectedId(a.id === selectedId ? null : a.id)}
                onEdit={() => setEditing(a)}
                onToken={() => void tokenIssue.run(a)}
                onRetire={() => (setRetiring(a), retirement.ask())}
              />
            ))}
          </div>
          {selected && <AgentHistoryPanel agent={selected} />}
          <PresenceSettingsForm key={projectId} projectId={projectId} onLoaded={setStaleAfter} />
          <PullSourcesPanel projectId={projectId} sources={sources.filter((s) => s.projectId === projectId)} />
        </>
      )}
      {retirement.confirming && retiring && (
        <ConfirmDialog title={`Retire agent ${retiring.code} (${retiring.name})?`} confirmLabel="Retire agent" {...retirement.dialog}>
          <p>Its push token stops working at once. Its history, presence timeline and trust record stay, and its code is not reused.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
