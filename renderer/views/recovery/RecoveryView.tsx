import { NotAvailable } from '../../components/NotAvailable.tsx';

export function RecoveryView() {
  return <NotAvailable title="Recovery" sentence="Recovery is not available in this build yet." />;
}
