import { useEffect } from 'react';
import { forgetAccessToken } from '../api/token.ts';

interface Props {
  reason: 'missing' | 'rejected';
}

/** Shown instead of the console when the HTTP transport has no token, or one the server refused. */
export function TokenRequired({ reason }: Props) {
  useEffect(() => {
    if (reason === 'rejected') forgetAccessToken();
  }, [reason]);
  // Pasting the printed URL into this same tab only changes the fragment, which loads nothing; start
  // over so the new token is picked up.
  useEffect(() => {
    const onHashChange = () => {
      if (/(^#|&)token=/.test(window.location.hash)) window.location.reload();
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return (
    <main className="token-required">
      <div className="card">
        <h1>{reason === 'missing' ? 'Access token needed' : 'Access token not accepted'}</h1>
        <p className="lead">
          {reason === 'missing'
            ? 'This page was opened without the access token that photon serve requires.'
            : 'photon serve refused the access token this page was using. It makes a new token each time it starts, so links from an earlier run stop working.'}
        </p>
        <p>
          Open the full URL that <code>photon serve</code> printed when it started. It looks like:
        </p>
        <pre>Photon Console is serving at http://127.0.0.1:7717/#token=…</pre>
        <p className="muted">The token is removed from the address bar after the page reads it, and is kept only for this tab.</p>
      </div>
    </main>
  );
}
