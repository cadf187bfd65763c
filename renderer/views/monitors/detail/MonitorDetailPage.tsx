import { useEffect, useRef, useState } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner.tsx';
import { useSettingsStore } from '../../../state/stores-context.tsx';
import { RANGE_CHOICES, type SeriesRange } from '../monitor-labels.ts';
import { LIST_HREF } from '../monitor-route.ts';
import { IncidentTimeline } from '../IncidentTimeline.tsx';
import { EvidenceBlock } from './EvidenceBlock.tsx';
import { LatencyChart } from './LatencyChart.tsx';
import { MetricChart } from './MetricChart.tsx';
import { MonitorActions } from './MonitorActions.tsx';
import { MonitorHeader } from './MonitorHeader.tsx';
import { RangePicker } from './RangePicker.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { UptimeChart } from './UptimeChart.tsx';
import { useMonitorData } from './use-monitor-data.ts';
import { useMaintenance } from './use-maintenance.ts';
import { MaintenanceNote } from './MaintenanceNote.tsx';

const RANGE_LABEL = Object.fromEntries(RANGE_CHOICES.map((c) => [c.value, c.label.toLowerCase()])) as Record<SeriesRange, string>;

export function MonitorDetailPage({ id }: { id: number }) {
  const [range, setRange] = useState<SeriesRange>('1h');
  const data = useMonitorData(id, range);
  const maintenance = useMaintenance(id, range);
  const staleAfterSeconds = useSettingsStore((s) => s.settings?.staleAfterSeconds);
  const heading = useRef<HTMLHeadingElement>(null);
  const { summary, detail } = data;

  // Following a row's link keeps the same view, so App does not move focus; the new page's title is where to start.
  useEffect(() => {
    heading.current?.focus();
  }, [id]);

  const gone = data.detailError?.code === 'NOT_FOUND';
  return (
    <section className="view view-wide" aria-labelledby="view-title">
      <p className="crumbs">
        <a href={LIST_HREF}>← All monitors</a>
      </p>
      <div className="title-row">
        <h1 id="view-title" ref={heading} tabIndex={-1}>
          {summary?.name ?? `Monitor ${id}`}
        </h1>
        {summary && !gone && <MonitorActions monitor={summary} />}
      </div>
      {gone ? (
        <div className="card">
          <p className="lead">There is no monitor with id {id}: it was removed, or never existed.</p>
          <p>
            <a href={LIST_HREF}>Back to the monitor list</a>
          </p>
        </div>
      ) : (
        <>
          {data.detailError && <ErrorBanner title="Could not read this monitor's details" error={data.detailError} />}
          {!summary && !data.detailError && <p className="muted">Loading the monitor…</p>}
          {summary && <MonitorHeader summary={summary} detail={detail} staleAfterSeconds={staleAfterSeconds} />}
          <section className="card" aria-labelledby="history-title">
            <div className="title-row">
              <h2 id="history-title">History</h2>
              <RangePicker value={range} onChange={setRange} />
            </div>
            {data.seriesError && <ErrorBanner title="Could not read the history" error={data.seriesError} />}
            {data.seriesLoading && !data.seriesError && (
              <p className="muted" role="status">
                Loading the {RANGE_LABEL[range]}…
              </p>
            )}
            {data.series && (
              <div className={data.seriesLoading ? 'charts is-loading' : 'charts'} aria-busy={data.seriesLoading}>
                <LatencyChart series={data.series.value} fetchedAt={data.series.fetchedAt} maintenance={maintenance} />
                <MaintenanceNote occurrences={maintenance} />
                <UptimeChart series={data.series.value} fetchedAt={data.series.fetchedAt} />
                {detail?.definition.metric && <MetricChart series={data.series.value} fetchedAt={data.series.fetchedAt} metric={detail.definition.metric} />}
              </div>
            )}
          </section>
          {detail && (
            <>
              <section className="card" aria-labelledby="incidents-title">
                <h2 id="incidents-title">Incidents</h2>
                <IncidentTimeline incidents={detail.incidents} showMonitor={false} label="Incidents of this monitor" />
              </section>
              <section className="card" aria-labelledby="results-title">
                <h2 id="results-title">Last results</h2>
                <ResultsTable results={detail.recentResults} hasMetric={detail.definition.metric !== undefined} metricUnit={detail.definition.metric?.unit} />
              </section>
              <section className="card" aria-labelledby="evidence-title">
                <h2 id="evidence-title">Evidence of the last result</h2>
                <EvidenceBlock evidence={detail.lastEvidence} staleAfterSeconds={staleAfterSeconds} />
              </section>
            </>
          )}
        </>
      )}
    </section>
  );
}
