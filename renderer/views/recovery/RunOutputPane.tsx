import { useLayoutEffect, useRef } from 'react';
import type { RunOutput } from '../../state/run-output.ts';

interface Props {
  label: string;
  output: RunOutput | undefined;
  /** Shown while nothing has arrived. */
  empty: string;
}

/** Distance from the bottom (px) within which the pane counts as following the output. */
const FOLLOW_SLACK = 24;

/**
 * The output as it streams in. It follows new text while the person is at the bottom, and stops
 * following as soon as they scroll up to read. stderr and the console's own notes carry their own
 * colour and a bar at the side, and a key under the pane says which is which.
 */
export function RunOutputPane({ label, output, empty }: Props) {
  const pane = useRef<HTMLPreElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const el = pane.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [output]);

  return (
    <div className="run-output-wrap">
      {output?.droppedStart && <p className="field-hint">The start of the output was dropped from this view; the audit record keeps the stored output.</p>}
      {output?.gap && (
        <p className="field-hint" role="status">
          Live updates were interrupted while this ran: some output may be missing here. The audit record has it.
        </p>
      )}
      <pre
        ref={pane}
        className="run-output"
        role="log"
        aria-label={label}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK;
        }}
      >
        {!output || output.segments.length === 0 ? (
          <span className="muted">{empty}</span>
        ) : (
          output.segments.map((s, i) => (
            <span key={i} className={`out-${s.stream}`} data-stream={s.stream}>
              {s.text}
            </span>
          ))
        )}
      </pre>
      <p className="field-hint output-key">
        <span className="out-stdout">standard output</span> · <span className="out-stderr">standard error</span> ·{' '}
        <span className="out-info">notes from Photon Console</span>
      </p>
    </div>
  );
}
