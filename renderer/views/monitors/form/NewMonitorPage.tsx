import { LIST_HREF, monitorHref } from '../monitor-route.ts';
import type { Role } from '../monitor-labels.ts';
import { EMPTY_DRAFT } from './monitor-draft.ts';
import { MonitorForm } from './MonitorForm.tsx';

interface Props {
  role: Role | null;
  projectId: string | null;
}

/** Opened from the list, or from an Overview row that has no monitor yet (which passes its role and project). */
export function NewMonitorPage({ role, projectId }: Props) {
  return (
    <section className="view" aria-labelledby="view-title">
      <p className="crumbs">
        <a href={LIST_HREF}>← All monitors</a>
      </p>
      <h1 id="view-title">New monitor</h1>
      <MonitorForm
        title="Add a monitor"
        initial={{ ...EMPTY_DRAFT, ...(role && { role }), ...(projectId && { projectId }) }}
        onSaved={(saved) => (window.location.hash = monitorHref(saved.id))}
        onCancel={() => (window.location.hash = LIST_HREF)}
      />
    </section>
  );
}
