import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Series } from '../../../../preload/contract.ts';
import { formatLatency } from '../../../../renderer/format/numbers.ts';
import { formatRelative, isStale } from '../../../../renderer/format/time.ts';
import { collectionFrom } from '../../../../renderer/state/monitor-collection.ts';
import { certificateFacts, flattenEvidence } from '../../../../renderer/views/monitors/detail/evidence.ts';
import { latencyRows, summarizeSeries, uptimeRows } from '../../../../renderer/views/monitors/detail/series-data.ts';
import { filterMonitors, NO_FILTER } from '../../../../renderer/views/monitors/monitor-filter.ts';
import { sourceText } from '../../../../renderer/views/monitors/monitor-labels.ts';
import { newMonitorHref, parseMonitorRoute } from '../../../../renderer/views/monitors/monitor-route.ts';
import { hourPoints, sparkBars, sparkSummary } from '../../../../renderer/views/monitors/sparkline-bars.ts';
import { monitorNamed } from '../../fake-client.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

const point = (t: number, over: Partial<Series['points'][number]> = {}): Series['points'][number] => ({
  t,
  count: 1,
  up: 1,
  down: 0,
  degraded: 0,
  unknown: 0,
  latencyAvgMs: 10,
  latencyMinMs: 8,
  latencyMaxMs: 12,
  latencyP95Ms: 12,
  metricAvg: null,
  ...over,
});

test('latency rows: one per minute of the hour; buckets without results are gaps, not zeros', () => {
  const now = 100 * HOUR + 30 * 1000;
  const series: Series = { range: '1h', resolution: 'minute', points: [point(100 * HOUR - 2 * MIN), point(100 * HOUR - MIN), point(100 * HOUR - 10 * MIN)] };
  const rows = latencyRows(series, now);
  assert.equal(rows.length, 60);
  assert.equal(rows.filter((r) => r.avg !== null).length, 3);
  assert.ok(rows.every((r) => r.avg === null || r.avg === 10));
  assert.equal(rows.filter((r) => r.avg === 0).length, 0, 'no bucket is invented as 0');
  const lone = rows.find((r) => r.t === 100 * HOUR - 10 * MIN)!;
  assert.equal(lone.isolated, true, 'a lone value gets a dot');
  assert.equal(rows.find((r) => r.t === 100 * HOUR - MIN)!.isolated, false, 'a value with a neighbour is on a line');
  assert.deepEqual(lone.band, [8, 12]);
});

test('latency rows keep a bucket the core sent outside the local window', () => {
  const rows = latencyRows({ range: '1h', resolution: 'minute', points: [point(200 * HOUR)] }, 100 * HOUR);
  assert.equal(rows.at(-1)!.t, 200 * HOUR);
});

test('uptime rows: 24 h of minutes summed into half-hour bars; empty bars hold nulls', () => {
  const now = 48 * HOUR;
  const series: Series = {
    range: '24h',
    resolution: 'minute',
    points: [point(now - HOUR, { up: 2, count: 2 }), point(now - HOUR + MIN, { up: 0, down: 1, count: 1 }), point(now - 5 * HOUR, { up: 0, unknown: 1, count: 1 })],
  };
  const rows = uptimeRows(series, now);
  assert.equal(rows.length, 49);
  const full = rows.find((r) => r.t === now - HOUR)!;
  assert.deepEqual(full, { t: now - HOUR, up: 2, degraded: 0, down: 1, unknown: 0, count: 3 });
  assert.deepEqual(rows.find((r) => r.t === now - 2 * HOUR), { t: now - 2 * HOUR, up: null, degraded: null, down: null, unknown: null, count: 0 });
  const s = summarizeSeries(series);
  assert.deepEqual([s.results, s.up, s.down, s.unknown, s.minLatencyMs, s.maxLatencyMs], [4, 2, 1, 1, 8, 12]);
});

test('a series without results summarises to unknowns, not zeros', () => {
  const s = summarizeSeries({ range: '7d', resolution: 'hour', points: [] });
  assert.equal(s.minLatencyMs, null);
  assert.equal(s.worstP95Ms, null);
  assert.equal(formatLatency(s.worstP95Ms), 'unknown');
});

test('evidence flattens to dotted keys; lists of values join, lists of objects are numbered', () => {
  const lines = flattenEvidence({
    status: 200,
    headers: { 'content-type': 'application/json' },
    redirects: [],
    answers: ['1.2.3.4', '5.6.7.8'],
    chain: [{ subject: 'a' }, { subject: 'b' }],
    tls: null,
    body: '',
  });
  assert.deepEqual(lines, [
    { key: 'status', value: '200' },
    { key: 'headers.content-type', value: 'application/json' },
    { key: 'redirects', value: '(none)' },
    { key: 'answers', value: '1.2.3.4, 5.6.7.8' },
    { key: 'chain[0].subject', value: 'a' },
    { key: 'chain[1].subject', value: 'b' },
    { key: 'tls', value: 'none' },
    { key: 'body', value: '(empty)' },
  ]);
  const deep = flattenEvidence({ a: { b: { c: { d: { e: 1 } } } } });
  assert.deepEqual(deep, [{ key: 'a.b.c.d', value: '{"e":1}' }]);
});

test('certificate days left from a tls check, or from an https check counted from when it was seen', () => {
  assert.deepEqual(certificateFacts({ daysLeft: 40, chain: [{ validTo: '2030-01-01T00:00:00.000Z' }] }, 0), { daysLeft: 40, validTo: '2030-01-01T00:00:00.000Z' });
  const seen = Date.parse('2030-01-01T00:00:00Z');
  assert.deepEqual(certificateFacts({ tls: { validTo: '2030-01-11T12:00:00Z' } }, seen), { daysLeft: 10, validTo: '2030-01-11T12:00:00Z' });
  assert.equal(certificateFacts({ status: 200, tls: null }, seen), null);
});

test('sparkline: 24 slots, newest on the right, failing hours red in proportion but never invisible', () => {
  const up = Array.from({ length: 24 }, (_, i) => (i === 23 ? 99 : i === 22 || i === 5 ? 0 : 10));
  const down = Array.from({ length: 24 }, (_, i) => (i === 23 ? 1 : 0));
  const points = hourPoints({ from: 0, up, down });
  assert.deepEqual(points[23], { t: 23 * HOUR, up: 99, down: 1 });
  assert.deepEqual(hourPoints(null), []);
  const bars = sparkBars(points, { width: 96, height: 20 });
  assert.equal(bars.length, 24);
  assert.equal(bars[5]!.empty, true, 'an hour without results is drawn as empty');
  assert.equal(bars[23]!.downHeight, 2, '1 failure in 100 still shows');
  assert.equal(bars[23]!.upHeight, 18);
  assert.equal(bars[0]!.downHeight, 0);
  const short = sparkBars(points.slice(-2), { width: 96, height: 20 });
  assert.equal(short.filter((b) => b.empty).length, 23, '22 missing slots and one hour without results');
  assert.equal(short[23]!.t, 23 * HOUR, 'a short list is aligned to the newest hour');
  assert.equal(sparkSummary([]), 'Last 24 hours: no results');
  assert.match(sparkSummary(points), /21 hours all up, 1 hour with failures, 2 hours without results/);
});

test('filter by text (name, target, kind, reason), status and project; no filter costs no copy', () => {
  const col = collectionFrom([
    monitorNamed(1, 'api', { kind: 'http', status: 'DOWN', projectId: 'p' }),
    monitorNamed(2, 'db', { reason: 'connection refused' }),
    monitorNamed(3, 'vm', { target: '10.0.0.9:22' }),
  ]);
  assert.equal(filterMonitors(col, NO_FILTER), col.order);
  assert.deepEqual(filterMonitors(col, { ...NO_FILTER, text: 'REFUSED' }), [2]);
  assert.deepEqual(filterMonitors(col, { ...NO_FILTER, text: '10.0.0' }), [3]);
  assert.deepEqual(filterMonitors(col, { ...NO_FILTER, text: 'http' }), [1]);
  assert.deepEqual(filterMonitors(col, { ...NO_FILTER, status: 'UP' }), [2, 3]);
  assert.deepEqual(filterMonitors(col, { ...NO_FILTER, project: 'p:p' }), [1]);
  assert.deepEqual(filterMonitors(col, { ...NO_FILTER, project: 'none' }), [2, 3]);
});

test('routes: list, detail, edit, new with a role and project from the Overview', () => {
  assert.deepEqual(parseMonitorRoute('monitors'), { page: 'list' });
  assert.deepEqual(parseMonitorRoute('monitors/12'), { page: 'detail', id: 12 });
  assert.deepEqual(parseMonitorRoute('monitors/12/edit'), { page: 'edit', id: 12 });
  assert.deepEqual(parseMonitorRoute('monitors/abc'), { page: 'list' });
  assert.deepEqual(parseMonitorRoute('monitors/new?role=vm&project=p1'), { page: 'new', role: 'vm', projectId: 'p1' });
  assert.deepEqual(parseMonitorRoute('monitors/new?role=bogus'), { page: 'new', role: null, projectId: null });
  assert.equal(newMonitorHref({ role: 'tls', projectId: 'a b' }), '#/monitors/new?role=tls&project=a+b');
  assert.deepEqual(parseMonitorRoute(newMonitorHref({ role: 'tls', projectId: 'a b' }).slice(2)), { page: 'new', role: 'tls', projectId: 'a b' });
});

test('source, relative times and staleness read as words', () => {
  assert.deepEqual(sourceText({ type: 'file', file: '/repo/photon.yml', line: 12 }), { text: 'photon.yml:12', title: '/repo/photon.yml, line 12' });
  assert.equal(sourceText({ type: 'ui' }).text, 'UI');
  assert.equal(formatRelative(10_000, 10_400), 'just now');
  assert.equal(formatRelative(0, 42_000), '42 s ago');
  assert.equal(formatRelative(0, 5 * MIN + 1), '5 min ago');
  assert.equal(formatRelative(0, 3 * HOUR), '3 h ago');
  assert.equal(formatRelative(0, 50 * HOUR), '2 d ago');
  assert.equal(formatRelative(20_000, 0), 'in 20 s');
  assert.equal(isStale(0, 300_000, 300), false);
  assert.equal(isStale(0, 300_001, 300), true);
  assert.equal(formatLatency(null), 'unknown');
  assert.equal(formatLatency(2.35), '2.4 ms');
  assert.equal(formatLatency(117.2), '117 ms');
});
