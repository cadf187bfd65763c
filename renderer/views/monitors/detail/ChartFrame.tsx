import type { ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

interface Props {
  title: string;
  /** The chart's numbers in words: the picture is never the only way to read them. */
  caption: ReactNode;
  /** How many buckets hold a value; the e2e test and screen readers both read it. */
  points: number;
  children: ReactNode;
  legend?: ReactNode;
}

export function ChartFrame({ title, caption, points, children, legend }: Props) {
  return (
    <figure className="chart" data-points={points}>
      <figcaption>
        <strong>{title}</strong> <span className="muted">{caption}</span>
      </figcaption>
      {points === 0 ? (
        <p className="chart-empty muted">No results in this range yet.</p>
      ) : (
        <div className="chart-body" aria-hidden="true">
          <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 600, height: 200 }}>
            {children}
          </ResponsiveContainer>
        </div>
      )}
      {points > 0 && legend}
    </figure>
  );
}
