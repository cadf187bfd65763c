interface Props {
  title: string;
  /** e.g. "Monitors are not available in this build yet." */
  sentence: string;
}

/** Stands in for a screen that has no real data source yet, instead of sample numbers that look real. */
export function NotAvailable({ title, sentence }: Props) {
  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title">{title}</h1>
      <div className="card not-available">
        <p className="lead">{sentence}</p>
        <p>No data is shown rather than made-up data.</p>
        <p className="muted">
          Working in this build: <a href="#/projects">Projects</a> and <a href="#/settings">Settings</a>.
        </p>
      </div>
    </section>
  );
}
