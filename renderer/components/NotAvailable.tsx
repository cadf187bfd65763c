import { Fragment } from 'react';
import { VIEWS, hrefFor } from '../state/views.ts';

interface Props {
  title: string;
  /** e.g. "Monitors are not available in this build yet." */
  sentence: string;
}

const WORKING = VIEWS.filter((v) => v.available);

/** Stands in for a screen that has no real data source yet, instead of sample numbers that look real. */
export function NotAvailable({ title, sentence }: Props) {
  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title">{title}</h1>
      <div className="card not-available">
        <p className="lead">{sentence}</p>
        <p>No data is shown rather than made-up data.</p>
        <p className="muted">
          Working in this build:{' '}
          {WORKING.map((v, i) => (
            <Fragment key={v.id}>
              {i > 0 && (i === WORKING.length - 1 ? ' and ' : ', ')}
              <a href={hrefFor(v.id)}>{v.label}</a>
            </Fragment>
          ))}
          .
        </p>
      </div>
    </section>
  );
}
