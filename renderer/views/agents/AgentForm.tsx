import { useId, useRef, useState, type FormEvent } from 'react';
import type { AgentSummary } from '../../../preload/schemas/agents.ts';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useAgentsStore } from '../../state/stores-context.tsx';
import { parseList, placeOn } from './agent-forms.ts';

type Field = 'code' | 'name' | 'role' | 'capabilities' | 'backedBy';
const FIELDS: Field[] = ['code', 'name', 'role', 'capabilities', 'backedBy'];

interface Props {
  projectId: string;
  /** Absent: a new agent. */
  agent?: AgentSummary;
  onDone(): void;
}

/** Adds an agent or renames / re-roles one; the code stays, since history and pulled rows refer to it. */
export function AgentForm({ projectId, agent, onDone }: Props) {
  const save = useAgentsStore((s) => s.save);
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [code, setCode] = useState(agent?.code ?? '');
  const [name, setName] = useState(agent?.name ?? '');
  const [role, setRole] = useState(agent?.role ?? '');
  const [capabilities, setCapabilities] = useState(agent?.capabilities.join(', ') ?? '');
  const [backedBy, setBackedBy] = useState(agent?.backedBy ?? '');
  const { errors, formError, busy, clearError, attempt } = useFormErrors<Field>(formRef);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const fields = { name, role, capabilities: parseList(capabilities), backedBy };
    const input = agent ? { id: agent.id, ...fields } : { projectId, ...(code.trim() && { code: code.trim() }), ...fields };
    await attempt(() => save(input), placeOn(FIELDS), onDone);
  };
  const change = (field: Field, set: (v: string) => void) => (v: string) => {
    set(v);
    clearError(field);
  };

  return (
    <form ref={formRef} className="card" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
      <h2 id={titleId}>{agent ? `Edit agent ${agent.code}` : 'Add an agent'}</h2>
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      {!agent && <TextField label="Code" value={code} onChange={change('code', setCode)} error={errors.code} hint="Short handle such as G; left empty, the next free letter." />}
      <TextField label="Name" value={name} onChange={change('name', setName)} error={errors.name} required />
      <TextField label="Role" value={role} onChange={change('role', setRole)} error={errors.role} required />
      <TextField label="Capabilities" value={capabilities} onChange={change('capabilities', setCapabilities)} error={errors.capabilities} hint="Comma-separated, e.g. react, css, tests" />
      <TextField label="Model or person" value={backedBy} onChange={change('backedBy', setBackedBy)} error={errors.backedBy} hint="Who does the work behind this agent" />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {agent ? 'Save agent' : 'Add agent'}
        </button>
        <button type="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
