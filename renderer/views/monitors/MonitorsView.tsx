import { NotAvailable } from '../../components/NotAvailable.tsx';

export function MonitorsView() {
  return <NotAvailable title="Monitors" sentence="Monitors are not available in this build yet." />;
}
