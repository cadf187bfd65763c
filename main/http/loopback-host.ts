/** The names a browser on this machine uses for a loopback listener; compared without the port. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^\s:[\]@/?#]+)(?::\d{1,5})?$/i;

/**
 * True when a request's Host header names this machine's loopback interface. A listener bound to
 * loopback checks it on every request: a page on another site that rebinds its DNS name to
 * 127.0.0.1 reaches the port, but its requests still carry that site's name. The port is not
 * compared: an SSH tunnel (`ssh -L 8080:127.0.0.1:7717`) rightly names its own local port.
 */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  const match = hostHeader === undefined ? null : HOST_HEADER.exec(hostHeader);
  return match !== null && LOOPBACK_NAMES.has(match[1]!.toLowerCase());
}
