import type { MonitorDetail } from '../../../../preload/contract.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { formatLatency, formatMetric } from '../../../format/numbers.ts';
import { formatAt, isoOf } from '../../../format/time.ts';

interface Props {
  results: MonitorDetail['recentResults'];
  metricUnit: string | undefined;
  hasMetric: boolean;
}

type Result = MonitorDetail['recentResults'][number];

/** The raw results behind the charts, newest first, exactly as the checks reported them. */
export function ResultsTable({ results, metricUnit, hasMetric }: Props) {
  const columns: Column<Result>[] = [
    { key: 'time', header: 'Time', render: (r) => <time dateTime={isoOf(r.at)}>{formatAt(r.at)}</time> },
    { key: 'outcome', header: 'Outcome', render: (r) => <span className={`badge outcome-${r.outcome}`}>{r.outcome}</span> },
    { key: 'latency', header: 'Latency', numeric: true, render: (r) => formatLatency(r.latencyMs) },
    ...(hasMetric ? [{ key: 'metric', header: 'Metric', numeric: true, render: (r: Result) => formatMetric(r.metric, metricUnit) }] : []),
    { key: 'message', header: 'Message', className: 'message', render: (r) => r.message },
  ];
  return <DataTable columns={columns} rows={results} rowKey={(r) => r.at} scrollClassName="table-scroll" empty="No results yet." />;
}
