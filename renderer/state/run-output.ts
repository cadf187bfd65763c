import type { EventPayload } from '../../preload/contract.ts';

export type OutputStream = EventPayload<'runOutput'>['chunks'][number]['stream'];

export interface OutputSegment {
  stream: OutputStream;
  text: string;
}

/** One run's output as it streamed in: consecutive chunks of one stream are kept as one segment, so the pane stays a handful of elements. */
export interface RunOutput {
  readonly segments: readonly OutputSegment[];
  readonly chars: number;
  /** The start was dropped to stay under the cap; the audit record keeps the stored output. */
  readonly droppedStart: boolean;
  /** Live updates were down while it ran: some output may be missing here. */
  readonly gap: boolean;
}

export const EMPTY_OUTPUT: RunOutput = { segments: [], chars: 0, droppedStart: false, gap: false };

/** What one run may hold in the renderer; beyond it the oldest text goes (the newest is what a person watching needs). */
export const OUTPUT_CAP_CHARS = 400_000;

export function appendOutput(out: RunOutput, stream: OutputStream, text: string, cap = OUTPUT_CAP_CHARS): RunOutput {
  if (text === '') return out;
  const segments = out.segments.slice();
  const last = segments.at(-1);
  if (last && last.stream === stream) segments[segments.length - 1] = { stream, text: last.text + text };
  else segments.push({ stream, text });
  let chars = out.chars + text.length;
  let droppedStart = out.droppedStart;
  while (chars > cap && segments.length > 0) {
    const first = segments[0]!;
    const excess = chars - cap;
    if (first.text.length <= excess) {
      segments.shift();
      chars -= first.text.length;
    } else {
      segments[0] = { stream: first.stream, text: first.text.slice(excess) };
      chars -= excess;
    }
    droppedStart = true;
  }
  return { segments, chars, droppedStart, gap: out.gap };
}
