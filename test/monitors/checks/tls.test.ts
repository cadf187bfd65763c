import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { tlsCheck } from '../../../main/monitors/checks/tls.ts';
import { activeResources, closeServer, freePort, listen, startSilentServer, waitFor } from '../../helpers/loopback-servers.ts';
import { makeTestCerts, type TestCert, type TestCerts } from '../../helpers/test-certs.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { ctx, defaultsHold, detail, holds, target, timed, withoutLeakedTimers } from './check-harness.ts';

const DAY = 86_400_000;
const tmp = makeTempDir('photon-tls-');
let certs: TestCerts;
const servers: net.Server[] = [];
const ports: Partial<Record<keyof TestCerts | 'plain', number>> = {};
let silent: Awaited<ReturnType<typeof startSilentServer>>;

async function serve(server: net.Server): Promise<number> {
  servers.push(server);
  return listen(server);
}

const tlsServer = (cert: TestCert) =>
  tls.createServer({ key: cert.key, cert: cert.cert }, (socket) => {
    socket.on('error', () => {});
    socket.end('hello\n');
  });

before(async () => {
  certs = await makeTestCerts(tmp.dir);
  for (const name of ['valid', 'expiringSoon', 'wrongHost', 'expired', 'selfSigned'] as const) ports[name] = await serve(tlsServer(certs[name]));
  // Speaks plain text: a handshake with it must fail, not hang.
  ports.plain = await serve(net.createServer((s) => s.end('SSH-2.0-OpenSSH_9.2\r\n')));
  silent = await startSilentServer();
});

after(async () => {
  await Promise.all([...servers, silent.server].map((s) => closeServer(s)));
  tmp.cleanup();
});

const run = (port: number, fields: Record<string, unknown> = {}, timeoutMs = 5_000) =>
  tlsCheck.run(target('tls', { host: '127.0.0.1', port, ...fields }), ctx(timeoutMs));

describe('tls: certificates', () => {
  test('a trusted certificate for the host is valid, with its chain, expiry and issuer', async () => {
    const r = await withoutLeakedTimers(() => run(ports.valid!, { caFile: certs.caFile }));
    assert.equal(r.reached, true, r.message);
    assert.equal(r.observation.CONNECTED, true);
    assert.equal(r.observation.CERTIFICATE_VALID, true);
    assert.ok(defaultsHold(r, tlsCheck.defaultConditions), tlsCheck.defaultConditions.map((c) => detail(r, c)).join('; '));
    assert.equal(r.evidence.authorized, true);
    assert.equal(r.evidence.authorizationError, null);
    assert.equal(r.evidence.hostnameMatches, true);
    assert.equal(r.evidence.issuer, 'CN=Photon Test CA, O=Photon Tests');
    assert.match(String(r.evidence.protocol), /^TLSv1\.[23]$/);
    assert.match(r.message, /^certificate valid, expires in 30 days \(CN=localhost, O=Photon Tests; issuer CN=Photon Test CA, O=Photon Tests\)$/);

    const chain = r.evidence.chain as Array<Record<string, string>>;
    const leaf = new X509Certificate(certs.valid.cert);
    assert.equal(chain.length, 2);
    assert.deepEqual(chain[0], {
      subject: 'CN=localhost, O=Photon Tests',
      issuer: 'CN=Photon Test CA, O=Photon Tests',
      validFrom: new Date(leaf.validFrom).toISOString(),
      validTo: certs.valid.notAfter.toISOString(),
      fingerprint256: leaf.fingerprint256,
    });
    assert.equal(chain[1]!.subject, 'CN=Photon Test CA, O=Photon Tests');
    assert.equal(chain[1]!.issuer, chain[1]!.subject, 'the root signs itself');
  });

  test('a certificate with 3 days left: daysLeft ≈ 3 and the 14-day default fails', async () => {
    const r = await run(ports.expiringSoon!, { caFile: certs.caFile });
    assert.equal(r.observation.CERTIFICATE_VALID, true);
    assert.equal(r.evidence.daysLeft, 3);
    assert.ok(Math.abs((r.observation.CERTIFICATE_EXPIRATION as number) - 3 * DAY) < 120_000);
    assert.equal(holds(r, '[CERTIFICATE_EXPIRATION] > 14d'), false);
    assert.equal(defaultsHold(r, tlsCheck.defaultConditions), false);
    assert.ok(holds(r, '[CERTIFICATE_EXPIRATION] > 2d'));
  });

  test('a hostname mismatch makes the certificate invalid even though the chain is trusted', async () => {
    const r = await run(ports.wrongHost!, { caFile: certs.caFile });
    assert.equal(r.reached, true);
    assert.equal(r.evidence.authorized, true, 'the chain itself is fine');
    assert.equal(r.evidence.hostnameMatches, false);
    assert.equal(r.observation.CERTIFICATE_VALID, false);
    assert.match(String(r.evidence.hostnameError), /IP: 127\.0\.0\.1 is not in the cert's list/);
    assert.match(r.message, /^certificate invalid: Hostname\/IP does not match certificate's altnames/);
  });

  test('a host name mismatch names both sides', async () => {
    const r = await run(ports.wrongHost!, { host: 'localhost', caFile: certs.caFile });
    assert.equal(r.observation.CERTIFICATE_VALID, false);
    assert.equal(r.evidence.hostnameError, "Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:wrong.example.test");
  });

  test('servername is what the certificate is matched against', async () => {
    const r = await run(ports.wrongHost!, { caFile: certs.caFile, servername: 'wrong.example.test' });
    assert.equal(r.evidence.hostnameMatches, true);
    assert.equal(r.observation.CERTIFICATE_VALID, true);
  });

  test('without the private CA the chain is untrusted and says why', async () => {
    const r = await run(ports.valid!);
    assert.equal(r.reached, true);
    assert.equal(r.observation.CERTIFICATE_VALID, false);
    assert.equal(r.evidence.authorized, false);
    assert.equal(r.evidence.authorizationError, 'self-signed certificate in certificate chain');
    assert.equal(r.evidence.hostnameMatches, true);
  });

  test('a self-signed certificate is reported as such', async () => {
    const r = await run(ports.selfSigned!);
    assert.equal(r.observation.CERTIFICATE_VALID, false);
    assert.equal(r.evidence.authorizationError, 'self-signed certificate');
    assert.equal((r.evidence.chain as unknown[]).length, 1);
  });

  test('an expired certificate: negative expiry, invalid, and the message says how long ago', async () => {
    const r = await run(ports.expired!, { caFile: certs.caFile });
    assert.equal(r.reached, true);
    assert.equal(r.observation.CERTIFICATE_VALID, false);
    assert.equal(r.evidence.authorizationError, 'certificate has expired');
    assert.ok((r.observation.CERTIFICATE_EXPIRATION as number) < -365 * DAY);
    assert.match(r.message, /^certificate invalid: not trusted: certificate has expired \(expired [\d.]+ days ago\)$/);
  });
});

describe('tls: failures, timeouts and aborts', () => {
  test('a server that does not speak TLS fails the handshake', async () => {
    const r = await run(ports.plain!);
    assert.equal(r.reached, false);
    assert.match(r.message, /^TLS handshake failed: /);
    assert.equal(r.observation.CONNECTED, false);
    assert.equal(r.observation.CERTIFICATE_VALID, false);
  });

  test('a refused port is reached false with the OS error', async () => {
    const port = await freePort();
    const r = await run(port);
    assert.equal(r.reached, false);
    assert.equal(r.message, `TLS handshake failed: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  test('a server that never answers the handshake times out and the socket is closed', async () => {
    const before = activeResources();
    const { value: r, ms } = await timed(() => run(silent.port, {}, 300));
    assert.equal(r.reached, false);
    assert.equal(r.message, `TLS handshake with 127.0.0.1:${silent.port}: timed out after 300 ms`);
    assert.ok(ms < 1_000, `took ${ms} ms`);
    await waitFor('the silent server to see the client hang up', async () => (await silent.open()) === 0);
    assert.ok((activeResources().Timeout ?? 0) <= (before.Timeout ?? 0), 'no timer left behind');
  });

  test('an abort stops the handshake at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { value: r, ms } = await timed(() => tlsCheck.run(target('tls', { host: '127.0.0.1', port: silent.port }), ctx(10_000, controller.signal)));
    assert.equal(r.reached, false);
    assert.match(r.message, /: aborted$/);
    assert.ok(ms < 500, `took ${ms} ms`);
    await waitFor('the silent server to see the client hang up', async () => (await silent.open()) === 0);
  });

  test('a damaged caFile is a result, not an exception', async () => {
    const bad = path.join(tmp.dir, 'damaged.pem');
    fs.writeFileSync(bad, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    const r = await run(ports.valid!, { caFile: bad });
    assert.equal(r.reached, false);
    assert.match(r.message, /^caFile .*damaged\.pem: certificate 1 cannot be parsed \(/);
  });

  test('describe shows host, port and servername', () => {
    assert.equal(tlsCheck.describe(target('tls', { host: 'example.test' })), 'example.test:443');
    assert.equal(tlsCheck.describe(target('tls', { host: '::1', port: 8443, servername: 'a.test' })), '[::1]:8443 (a.test)');
  });
});
