import { NotAvailable } from '../../components/NotAvailable.tsx';

export function BackupsView() {
  return <NotAvailable title="Backups" sentence="Backups are not available in this build yet." />;
}
