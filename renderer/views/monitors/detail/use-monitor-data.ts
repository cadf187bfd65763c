import { useEffect, useRef, useState } from 'react';
import type { MonitorDetail, MonitorSummary, Series } from '../../../../preload/contract.ts';
import { toApiError, type ApiError } from '../../../api/client.ts';
import { useMonitorsStore } from '../../../state/stores-context.tsx';
import { throttle, type Throttled } from '../../../state/throttle.ts';

/** A monitor's results arrive every few seconds at most; its history need not be re-read faster. */
export const DETAIL_REFRESH_MS = 3_000;

interface Loaded<T> {
  key: string;
  value: T | null;
  error: ApiError | null;
}

export interface MonitorData {
  /** Live from the list store (events), falling back to the detail read until the store has it. */
  summary: MonitorSummary | undefined;
  detail: MonitorDetail | null;
  detailError: ApiError | null;
  series: { value: Series; fetchedAt: number } | null;
  /** True while `series` is still the previous range's, shown until the new one arrives. */
  seriesLoading: boolean;
  seriesError: ApiError | null;
}

/**
 * The detail page's reads. They are repeated when the store receives a monitorsUpdated for this
 * monitor (its summary object changes), throttled to one per DETAIL_REFRESH_MS: event-driven, so
 * a paused or idle monitor is not re-read at all.
 */
export function useMonitorData(id: number, range: Series['range']): MonitorData {
  const loadDetail = useMonitorsStore((s) => s.loadDetail);
  const loadSeries = useMonitorsStore((s) => s.loadSeries);
  const live = useMonitorsStore((s) => s.collection.byId.get(id));
  const [detail, setDetail] = useState<Loaded<MonitorDetail> | null>(null);
  const [series, setSeries] = useState<Loaded<{ value: Series; fetchedAt: number }> | null>(null);
  const refetch = useRef<Throttled | null>(null);
  const seen = useRef(live);
  const detailKey = String(id);
  const seriesKey = `${id}:${range}`;

  useEffect(() => {
    let current = true;
    // Keep what is shown while re-reading; a failed re-read adds an error instead of blanking the page.
    const keep = <T>(key: string, error: unknown) => (prev: Loaded<T> | null) => ({ key, value: prev?.key === key ? prev.value : null, error: toApiError(error) });
    const run = () => {
      loadDetail(id).then(
        (value) => current && setDetail({ key: detailKey, value, error: null }),
        (err: unknown) => current && setDetail(keep(detailKey, err)),
      );
      loadSeries(id, range).then(
        (value) => current && setSeries({ key: seriesKey, value: { value, fetchedAt: Date.now() }, error: null }),
        (err: unknown) => current && setSeries(keep(seriesKey, err)),
      );
    };
    const throttled = throttle(run, DETAIL_REFRESH_MS);
    refetch.current = throttled;
    throttled.call();
    return () => {
      current = false;
      throttled.cancel();
      refetch.current = null;
    };
  }, [id, range, detailKey, seriesKey, loadDetail, loadSeries]);

  useEffect(() => {
    if (seen.current === live) return;
    seen.current = live;
    refetch.current?.call();
  }, [live]);

  const d = detail?.key === detailKey ? detail : null;
  const s = series?.key === seriesKey ? series : null;
  // Another range of the same monitor stays on screen while the new one loads: no flash of "Loading".
  const previous = !s && series?.key.startsWith(`${id}:`) ? series.value : null;
  return {
    summary: live ?? d?.value?.summary,
    detail: d?.value ?? null,
    detailError: d?.error ?? null,
    series: s?.value ?? previous,
    seriesLoading: !s,
    seriesError: s?.error ?? null,
  };
}
