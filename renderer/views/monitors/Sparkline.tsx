import { memo } from 'react';
import type { MonitorSummary } from '../../../preload/contract.ts';
import { formatAt } from '../../format/time.ts';
import { hourPoints, sparkBars, sparkSummary } from './sparkline-bars.ts';

const WIDTH = 96;
const HEIGHT = 20;

/**
 * The last 24 hours of one monitor as 24 hand-drawn bars: green for hours that were all up, red in
 * proportion to failures, and a flat grey tick for an hour without results, so "no data" never
 * looks like "fine". Plain SVG: thousands of rows cannot each carry a charting library.
 */
export const Sparkline = memo(function Sparkline({ last24h }: { last24h: MonitorSummary['last24h'] }) {
  const points = hourPoints(last24h);
  const bars = sparkBars(points, { width: WIDTH, height: HEIGHT });
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={sparkSummary(points)}>
      {bars.map((b) => (
        <g key={b.index}>
          <title>{b.t === null ? 'no results' : `${formatAt(b.t)}: ${b.up} up, ${b.down} down`}</title>
          {b.empty ? (
            <rect className="spark-empty" x={b.x} y={HEIGHT - 2} width={b.width} height={2} />
          ) : (
            <>
              {b.upHeight > 0 && <rect className="spark-up" x={b.x} y={HEIGHT - b.upHeight} width={b.width} height={b.upHeight} />}
              {b.downHeight > 0 && <rect className="spark-down" x={b.x} y={0} width={b.width} height={b.downHeight} />}
            </>
          )}
        </g>
      ))}
    </svg>
  );
});
