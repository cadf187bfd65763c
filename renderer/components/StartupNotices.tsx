interface Props {
  notices: readonly string[];
}

/** Things the core found at startup (a corrupt database moved aside, bad settings reset) that the operator must not miss. */
export function StartupNotices({ notices }: Props) {
  if (notices.length === 0) return null;
  return (
    <div className="banner banner-warning" role="alert">
      <p className="banner-title">{notices.length === 1 ? 'Startup notice' : `${notices.length} startup notices`}</p>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
