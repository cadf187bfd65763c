export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Incremental parser for the text/event-stream format: feed it decoded chunks as they arrive (a
 * chunk may end mid-line) and it calls onMessage once per complete frame. Comment lines (keepalives)
 * are skipped; `id` and `retry` are not used by photon serve and are ignored, and so are bare-CR line
 * ends, which it never writes.
 */
export function createSseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onMessage({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };

  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    // The last piece is an unfinished line (or ''): it waits for the next chunk.
    buffer = lines.pop() ?? '';
    for (const text of lines) line(text.endsWith('\r') ? text.slice(0, -1) : text);
  };
}
