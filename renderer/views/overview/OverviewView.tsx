import { NotAvailable } from '../../components/NotAvailable.tsx';

export function OverviewView() {
  return <NotAvailable title="Overview" sentence="The overview is not available in this build yet." />;
}
