/** A latency, or the word "unknown": no measurement is never shown as 0. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return 'unknown';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

const metricFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });

/** A metric value with its unit, or "unknown". */
export function formatMetric(value: number | null, unit?: string): string {
  if (value === null) return 'unknown';
  const text = metricFormat.format(value);
  return unit ? `${text} ${unit}` : text;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
