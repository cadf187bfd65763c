import http from 'node:http';
import net from 'node:net';

/**
 * Clients that behave the way the server's edges must survive: one that writes a whole body before
 * it looks at the answer (a raw socket, as many scripts and proxies do), one that streams a body
 * with node:http, one that sends only headers. Each resolves to what the client actually read, so a
 * test sees an answer lost to a connection reset as an error, not as a status.
 */

export interface ReadAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes the request head and the whole body in one go, then reads until the server closes. */
export function rawRequest(port: number, head: string, body: Buffer | string = ''): Promise<ReadAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      socket.destroy();
      try {
        resolve(parseAnswer(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(err);
      }
    });
    socket.write(Buffer.concat([Buffer.from(head.replace(/\n/g, '\r\n') + '\r\n'), Buffer.from(body)]));
  });
}

/** A POST through node:http that keeps writing `body` in 64 KiB chunks whatever the server says. */
export function streamedPost(port: number, path: string, headers: Record<string, string | number>, body: Buffer): Promise<ReadAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    let offset = 0;
    const writeMore = () => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

/** Sends only the request head and resolves on the first answer the server gives, body unsent. */
export function headOnlyRequest(port: number, head: string): Promise<ReadAnswer & { socket: net.Socket }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text)?.[1] ?? 0);
      if (Buffer.byteLength(text.slice(split + 4)) >= length) resolve({ ...parseAnswer(text), socket });
    });
    socket.write(head.replace(/\n/g, '\r\n') + '\r\n');
  });
}

function parseAnswer(text: string): ReadAnswer {
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`no complete HTTP answer was read: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status, headers, body: text.slice(split + 4) };
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
}
