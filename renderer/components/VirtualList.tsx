import { useLayoutEffect, useRef, useState, type Key, type ReactNode } from 'react';
import { sameWindow, visibleWindow } from './virtual-window.ts';

interface Props<T> {
  /** Accessible name of the table. */
  label: string;
  items: readonly T[];
  /** Every row is exactly this tall (px); the stylesheet must not let content change it. */
  rowHeight: number;
  rowKey(item: T): Key;
  /** The cells of one row (elements with role="cell"). */
  renderRow(item: T, index: number): ReactNode;
  /** The column headers (elements with role="columnheader"). */
  header: ReactNode;
  className?: string;
  overscan?: number;
}

// Until the viewport is measured: enough rows for a first paint on any ordinary screen.
const UNMEASURED_HEIGHT = 800;

/**
 * A table that renders only the rows in view, so 10,000 monitors cost what 20 do. A spacer as tall
 * as every row keeps the scrollbar honest; the rendered slice is moved to where the rows would be.
 * ARIA row indexes tell assistive technology where each rendered row sits in the whole list.
 */
export function VirtualList<T>({ label, items, rowHeight, rowKey, renderRow, header, className, overscan = 6 }: Props<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: UNMEASURED_HEIGHT });
  const windowOf = (s: { top: number; height: number }) =>
    visibleWindow({ scrollTop: s.top, viewportHeight: s.height, rowHeight, count: items.length, overscan });
  const win = windowOf(scroll);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setScroll((s) => (s.height === el.clientHeight ? s : { ...s, height: el.clientHeight })));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Scroll events come per frame; a re-render is only needed when the rendered slice changes.
  const onScroll = () => {
    const el = viewport.current;
    if (!el) return;
    setScroll((s) => {
      const next = { top: el.scrollTop, height: s.height };
      return sameWindow(windowOf(next), windowOf(s)) ? s : next;
    });
  };

  return (
    <div className={`vlist ${className ?? ''}`} role="table" aria-label={label} aria-rowcount={items.length + 1}>
      <div role="rowgroup" className="vlist-head">
        <div role="row" aria-rowindex={1} className="vlist-row vlist-header">
          {header}
        </div>
      </div>
      {/* Focusable so the list scrolls from the keyboard even where a row has no link. */}
      <div ref={viewport} className="vlist-viewport" role="rowgroup" tabIndex={0} onScroll={onScroll}>
        <div className="vlist-spacer" style={{ height: win.totalHeight }}>
          <div className="vlist-slice" style={{ transform: `translateY(${win.offsetTop}px)` }}>
            {items.slice(win.start, win.end).map((item, i) => (
              <div key={rowKey(item)} role="row" aria-rowindex={win.start + i + 2} className="vlist-row" style={{ height: rowHeight }}>
                {renderRow(item, win.start + i)}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
