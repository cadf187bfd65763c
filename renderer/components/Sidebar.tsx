import { useAppStore } from '../state/stores-context.tsx';
import { VIEWS, hrefFor } from '../state/views.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';

/** Plain links to `#/<view>`: the hash is the route, so reload, back and forward all keep the view. */
export function Sidebar() {
  const current = useAppStore((s) => s.view);
  return (
    <aside className="sidebar">
      <div className="sidebar-inner">
        <p className="brand">Photon Console</p>
        <nav aria-label="Main">
          <ul className="nav-list">
            {VIEWS.map((v) => (
              <li key={v.id}>
                <a className="nav-link" href={hrefFor(v.id)} aria-current={v.id === current ? 'page' : undefined}>
                  {v.label}
                  {!v.available && <span className="nav-tag"> not yet</span>}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionStatus />
      </div>
    </aside>
  );
}
