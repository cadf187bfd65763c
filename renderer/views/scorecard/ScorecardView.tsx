import { NotAvailable } from '../../components/NotAvailable.tsx';

export function ScorecardView() {
  return <NotAvailable title="Scorecard" sentence="Readiness scorecards are not available in this build yet." />;
}
