import { NotAvailable } from '../../components/NotAvailable.tsx';

export function AgentsView() {
  return <NotAvailable title="Agents" sentence="Agents are not available in this build yet." />;
}
