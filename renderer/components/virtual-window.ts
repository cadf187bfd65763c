export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Rows rendered beyond each edge, so a fast scroll does not show blank space for a frame. */
  overscan: number;
}

export interface VisibleWindow {
  /** First rendered index. */
  start: number;
  /** One past the last rendered index. */
  end: number;
  /** Where the first rendered row sits inside the full-height spacer. */
  offsetTop: number;
  totalHeight: number;
}

/**
 * Which rows of a fixed-row-height list to render. The scroll position is clamped first: after the
 * list shrinks (a filter), the browser may still report the old, now impossible, offset.
 */
export function visibleWindow({ scrollTop, viewportHeight, rowHeight, count, overscan }: WindowInput): VisibleWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const totalHeight = count * rowHeight;
  const view = Math.max(0, viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - view));
  const first = Math.floor(top / rowHeight);
  const last = Math.min(count, Math.ceil((top + view) / rowHeight));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, Math.max(last, first + 1) + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

export const sameWindow = (a: VisibleWindow, b: VisibleWindow): boolean =>
  a.start === b.start && a.end === b.end && a.totalHeight === b.totalHeight;
