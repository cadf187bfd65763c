import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import { httpCheck, MAX_REDIRECTS } from '../../../main/monitors/checks/http.ts';
import { BODY_CAP_BYTES } from '../../../main/monitors/checks/http-exchange.ts';
import { activeResources, closeServer, freePort, listen, startSilentServer, waitFor } from '../../helpers/loopback-servers.ts';
import { makeTestCerts, type TestCert, type TestCerts } from '../../helpers/test-certs.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { ctx, defaultsHold, detail, holds, target, timed, withoutLeakedTimers } from './check-harness.ts';

const DAY = 86_400_000;
const tmp = makeTempDir('photon-http-');
let certs: TestCerts;
let base: string;
let otherBase: string;
const servers: http.Server[] = [];
const httpsBase: Partial<Record<keyof TestCerts, string>> = {};
let silent: Awaited<ReturnType<typeof startSilentServer>>;
let loopHits = 0;
let bigResult: { wrote: number; finished: boolean } | null = null;

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const send = (status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(body);
  };
  const redirect = /^\/r\/(\d+)$/.exec(url.pathname);
  if (redirect) {
    const n = Number(redirect[1]);
    // Relative ("2" from /r/3), absolute, and path-absolute: each must resolve against the current URL.
    const next = n === 0 ? '/ok' : n % 2 === 0 ? `${base}/r/${n - 1}` : String(n - 1);
    return send(302, '', { location: next });
  }
  switch (url.pathname) {
    case '/ok':
      return send(200, JSON.stringify({ status: 'ok', data: [{ id: 1, name: 'a' }, { id: 2 }] }), {
        'content-type': 'application/json',
        'strict-transport-security': 'max-age=63072000; includeSubDomains',
        'content-security-policy': "default-src 'self'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'set-cookie': 'session=secret-session-value',
      });
    case '/down':
      return send(503, 'maintenance in progress');
    case '/echo': {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => send(200, JSON.stringify({ method: req.method, headers: req.headers, body, url: req.url }), { 'content-type': 'application/json' }));
      return;
    }
    case '/loop':
      loopHits++;
      return send(302, '', { location: '/loop' });
    case '/see-other':
      return send(303, '', { location: '/echo' });
    case '/temporary':
      return send(307, '', { location: '/echo' });
    case '/to-other-origin':
      return send(302, '', { location: `${otherBase}/echo` });
    case '/to-ftp':
      return send(301, '', { location: 'ftp://127.0.0.1/file' });
    case '/exact':
      return send(200, 'x'.repeat(BODY_CAP_BYTES));
    case '/big':
      return streamBig(res);
    case '/stall-body':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      res.write('only part of it');
      return;
    default:
      return send(404, 'not found');
  }
}

/** 32 MiB, written only as fast as the client reads: more than loopback buffers can swallow. */
function streamBig(res: http.ServerResponse): void {
  const state = { wrote: 0, finished: false };
  bigResult = state;
  const chunk = Buffer.alloc(64 * 1024, 'b');
  res.writeHead(200, { 'content-type': 'text/plain' });
  const pump = () => {
    while (state.wrote < 32 * 1024 * 1024) {
      state.wrote += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end(() => (state.finished = true));
  };
  res.on('error', () => {});
  pump();
}

async function serve(server: http.Server): Promise<number> {
  servers.push(server);
  return listen(server);
}

const https_ = (cert: TestCert) => https.createServer({ key: cert.key, cert: cert.cert }, handler);

before(async () => {
  certs = await makeTestCerts(tmp.dir);
  base = `http://127.0.0.1:${await serve(http.createServer(handler))}`;
  otherBase = `http://127.0.0.1:${await serve(http.createServer(handler))}`;
  for (const name of ['valid', 'expiringSoon', 'wrongHost', 'expired', 'selfSigned'] as const) {
    httpsBase[name] = `https://127.0.0.1:${await serve(https_(certs[name]))}`;
  }
  silent = await startSilentServer();
});

after(async () => {
  await Promise.all([...servers, silent.server].map((s) => closeServer(s)));
  tmp.cleanup();
});

const run = (fields: Record<string, unknown>, timeoutMs = 5_000) => httpCheck.run(target('http', fields), ctx(timeoutMs));

describe('http: answers', () => {
  test('200 with a JSON body: status, body and latency are observed and the defaults hold', async () => {
    const r = await withoutLeakedTimers(() => run({ url: `${base}/ok` }));
    assert.equal(r.reached, true, r.message);
    assert.equal(r.observation.STATUS, 200);
    assert.equal(r.observation.CONNECTED, true);
    assert.ok(typeof r.latencyMs === 'number' && r.latencyMs > 0);
    assert.equal(r.observation.RESPONSE_TIME, r.latencyMs);
    assert.match(r.message, /^HTTP 200 in [\d.]+ ms$/);
    assert.ok(defaultsHold(r, httpCheck.defaultConditions));
    assert.ok(!('CERTIFICATE_EXPIRATION' in r.observation), 'plain http has no certificate to observe');
  });

  test('keyword and JSON-path conditions work on the observed body', async () => {
    const r = await run({ url: `${base}/ok` });
    assert.ok(holds(r, '[BODY].status == ok'), detail(r, '[BODY].status == ok'));
    assert.ok(holds(r, '[BODY].data[1].id == 2'));
    assert.ok(holds(r, 'len([BODY].data) == 2'));
    assert.ok(holds(r, '[BODY] == pat(*"name":"a"*)'));
    assert.ok(!holds(r, '[BODY] == pat(*error*)'));
    assert.ok(holds(r, '[RESPONSE_TIME] < 5s'));
  });

  test('503 is reached but fails the default [STATUS] < 400', async () => {
    const r = await run({ url: `${base}/down` });
    assert.equal(r.reached, true);
    assert.equal(r.observation.STATUS, 503);
    assert.equal(r.observation.BODY, 'maintenance in progress');
    assert.equal(defaultsHold(r, httpCheck.defaultConditions), false);
    assert.equal(detail(r, '[STATUS] < 400'), '[STATUS] (503) < 400');
  });

  test('evidence keeps security headers and leaves cookies out', async () => {
    const r = await run({ url: `${base}/ok` });
    const headers = r.evidence.headers as Record<string, string>;
    assert.equal(headers['strict-transport-security'], 'max-age=63072000; includeSubDomains');
    assert.equal(headers['content-security-policy'], "default-src 'self'");
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['content-type'], 'application/json');
    assert.ok(!JSON.stringify(r.evidence).includes('secret-session-value'), 'set-cookie must not reach the evidence');
    assert.ok(JSON.stringify(r.evidence).length < 4096, 'evidence stays small');
  });

  test('method, headers and body are sent as configured', async () => {
    const r = await run({ url: `${base}/echo`, method: 'PUT', headers: { 'X-Probe': 'photon', 'Content-Type': 'application/json' }, body: '{"a":1}' });
    assert.equal(r.observation.STATUS, 200);
    assert.ok(holds(r, '[BODY].method == PUT'));
    assert.ok(holds(r, '[BODY].body == {"a":1}') || JSON.parse(String(r.observation.BODY)).body === '{"a":1}');
    const seen = JSON.parse(String(r.observation.BODY)) as { headers: Record<string, string> };
    assert.equal(seen.headers['x-probe'], 'photon');
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.equal(seen.headers['content-length'], '7');
    assert.match(seen.headers['user-agent'] ?? '', /PhotonConsole/);
  });

  test('HEAD reads no body', async () => {
    const r = await run({ url: `${base}/ok`, method: 'HEAD' });
    assert.equal(r.observation.STATUS, 200);
    assert.equal(r.observation.BODY, '');
  });
});

describe('http: redirects', () => {
  test('a chain of relative and absolute redirects is followed and recorded', async () => {
    const r = await run({ url: `${base}/r/3` });
    assert.equal(r.observation.STATUS, 200);
    assert.ok(holds(r, '[BODY].status == ok'));
    assert.deepEqual(r.evidence.redirects, [
      { url: `${base}/r/3`, status: 302, location: `${base}/r/2` },
      { url: `${base}/r/2`, status: 302, location: `${base}/r/1` },
      { url: `${base}/r/1`, status: 302, location: `${base}/r/0` },
      { url: `${base}/r/0`, status: 302, location: `${base}/ok` },
    ]);
    assert.equal(r.evidence.finalUrl, `${base}/ok`);
    assert.match(r.message, /after 4 redirects/);
  });

  test(`a redirect loop is cut after ${MAX_REDIRECTS} redirects and fails`, async () => {
    loopHits = 0;
    const r = await run({ url: `${base}/loop` });
    assert.equal(r.reached, false);
    assert.match(r.message, /stopped after 10 redirects/);
    assert.equal((r.evidence.redirects as unknown[]).length, MAX_REDIRECTS);
    assert.equal(loopHits, MAX_REDIRECTS + 1, 'the original request plus 10 followed redirects, then stop');
  });

  test('followRedirects false reports the redirect itself', async () => {
    const r = await run({ url: `${base}/r/1`, followRedirects: false });
    assert.equal(r.reached, true);
    assert.equal(r.observation.STATUS, 302);
    assert.deepEqual(r.evidence.redirects, []);
    assert.equal((r.evidence.headers as Record<string, string>).location, '0');
  });

  test('303 turns a POST into a GET without the body; 307 keeps both', async () => {
    const seeOther = await run({ url: `${base}/see-other`, method: 'POST', body: 'payload' });
    assert.ok(holds(seeOther, '[BODY].method == GET'), detail(seeOther, '[BODY].method == GET'));
    assert.ok(holds(seeOther, '[BODY].body == ""') || JSON.parse(String(seeOther.observation.BODY)).body === '');
    const temporary = await run({ url: `${base}/temporary`, method: 'POST', body: 'payload' });
    assert.ok(holds(temporary, '[BODY].method == POST'));
    assert.ok(holds(temporary, '[BODY].body == payload'));
  });

  test('credentials are not carried to another origin', async () => {
    const same = await run({ url: `${base}/r/0`, headers: { Authorization: 'Bearer t0ken' } });
    assert.ok(holds(same, '[BODY].status == ok'));
    const r = await run({ url: `${base}/to-other-origin`, headers: { Authorization: 'Bearer t0ken', 'X-Keep': 'yes' } });
    const seen = JSON.parse(String(r.observation.BODY)) as { headers: Record<string, string> };
    assert.equal(seen.headers.authorization, undefined);
    assert.equal(seen.headers['x-keep'], 'yes');
  });

  test('a user and password written into the URL are in no message or evidence: answered, redirected, or refused', async () => {
    const withCredentials = (u: string) => u.replace('http://', 'http://admin:hunter2@');
    const answered = await run({ url: withCredentials(`${base}/r/2`) });
    assert.ok(holds(answered, '[BODY].status == ok'));
    assert.equal((answered.evidence.redirects as unknown[]).length, 3);
    const refused = await run({ url: withCredentials(`http://127.0.0.1:${await freePort()}/health`) });
    assert.equal(refused.reached, false);
    for (const r of [answered, refused]) {
      const stored = JSON.stringify({ message: r.message, evidence: r.evidence });
      assert.doesNotMatch(stored, /hunter2|admin:/, stored);
      assert.match(stored, /127\.0\.0\.1:\d+/, 'the URL itself is still named');
    }
  });

  test('a redirect to a non-HTTP URL is refused with the reason', async () => {
    const r = await run({ url: `${base}/to-ftp` });
    assert.equal(r.reached, false);
    assert.match(r.message, /cannot follow the redirect .* to ftp: URL/);
  });
});

describe('http: body cap', () => {
  test('a body above 1 MiB is cut at 1 MiB, flagged, and the download stops', async () => {
    const r = await run({ url: `${base}/big` });
    assert.equal(r.reached, true);
    assert.equal(String(r.observation.BODY).length, BODY_CAP_BYTES);
    assert.equal(r.evidence.truncated, true);
    assert.equal(r.evidence.bodyBytes, BODY_CAP_BYTES);
    assert.match(r.message, /body cut at 1 MiB/);
    await waitFor('the server to stop writing', () => bigResult !== null && !bigResult.finished);
    assert.ok(bigResult!.wrote < 32 * 1024 * 1024, `the client stopped reading early (server wrote ${bigResult!.wrote} bytes)`);
  });

  test('a body of exactly 1 MiB is not flagged as cut', async () => {
    const r = await run({ url: `${base}/exact` });
    assert.equal(String(r.observation.BODY).length, BODY_CAP_BYTES);
    assert.equal(r.evidence.truncated, false);
  });
});

describe('http: TLS', () => {
  test('a certificate from a private CA is trusted through caFile; expiry is observed', async () => {
    const r = await run({ url: `${httpsBase.valid}/ok`, caFile: certs.caFile });
    assert.equal(r.reached, true, r.message);
    assert.equal(r.observation.STATUS, 200);
    const ms = r.observation.CERTIFICATE_EXPIRATION as number;
    assert.ok(Math.abs(ms - (certs.valid.notAfter.getTime() - Date.now())) < 60_000, `expiry ${ms} ms`);
    assert.ok(holds(r, '[CERTIFICATE_EXPIRATION] > 14d'));
    const tls = r.evidence.tls as Record<string, unknown>;
    assert.equal(tls.issuer, `CN=${certs.caSubject}, O=Photon Tests`);
    assert.equal(tls.subject, 'CN=localhost, O=Photon Tests');
    assert.equal(tls.validTo, certs.valid.notAfter.toISOString());
    assert.equal(tls.authorized, true);
  });

  test('without caFile the private CA is not trusted: reached false with the reason', async () => {
    const r = await run({ url: `${httpsBase.valid}/ok` });
    assert.equal(r.reached, false);
    assert.equal(r.message, 'TLS certificate rejected: self-signed certificate in certificate chain');
  });

  test('verifyTls false goes ahead, says so, and still reports the certificate', async () => {
    const r = await run({ url: `${httpsBase.selfSigned}/ok`, verifyTls: false });
    assert.equal(r.reached, true, r.message);
    assert.equal(r.observation.STATUS, 200);
    assert.match(r.message, /\(TLS not verified\)$/);
    const tls = r.evidence.tls as Record<string, unknown>;
    assert.equal(tls.authorized, false);
    assert.equal(tls.authorizationError, 'self-signed certificate');
    assert.equal(typeof r.observation.CERTIFICATE_EXPIRATION, 'number');
  });

  test('a self-signed certificate is rejected with verification on', async () => {
    const r = await run({ url: `${httpsBase.selfSigned}/ok` });
    assert.equal(r.reached, false);
    assert.equal(r.message, 'TLS certificate rejected: self-signed certificate');
  });

  test('an expired certificate is rejected as expired', async () => {
    const r = await run({ url: `${httpsBase.expired}/ok`, caFile: certs.caFile });
    assert.equal(r.reached, false);
    assert.equal(r.message, 'TLS certificate rejected: certificate has expired');
    assert.equal(r.evidence.code, 'CERT_HAS_EXPIRED');
  });

  test('a certificate for another host is rejected with the names involved', async () => {
    const r = await run({ url: `${httpsBase.wrongHost}/ok`, caFile: certs.caFile });
    assert.equal(r.reached, false);
    assert.match(r.message, /^TLS certificate rejected: Hostname\/IP does not match certificate's altnames: IP: 127\.0\.0\.1 is not in the cert's list/);
  });

  test('a certificate expiring in 3 days passes the request but fails a 14-day condition', async () => {
    const r = await run({ url: `${httpsBase.expiringSoon}/ok`, caFile: certs.caFile });
    assert.equal(r.observation.STATUS, 200);
    assert.ok(!holds(r, '[CERTIFICATE_EXPIRATION] > 14d'), detail(r, '[CERTIFICATE_EXPIRATION] > 14d'));
    assert.ok(holds(r, '[CERTIFICATE_EXPIRATION] > 2d'));
    assert.ok(Math.abs((r.observation.CERTIFICATE_EXPIRATION as number) - 3 * DAY) < 120_000);
    assert.equal((r.evidence.tls as Record<string, unknown>).daysLeft, 3);
  });

  test('a damaged caFile is reported, not thrown', async () => {
    const bad = path.join(tmp.dir, 'damaged.pem');
    fs.writeFileSync(bad, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    const r = await run({ url: `${httpsBase.valid}/ok`, caFile: bad });
    assert.equal(r.reached, false);
    assert.match(r.message, /^caFile .*damaged\.pem: certificate 1 cannot be parsed \(/);
  });

  test('an unreadable caFile is reported, not thrown', async () => {
    const r = await run({ url: `${httpsBase.valid}/ok`, caFile: path.join(tmp.dir, 'missing.pem') });
    assert.equal(r.reached, false);
    assert.match(r.message, /^cannot read caFile: ENOENT/);
  });
});

describe('http: failures, timeouts and aborts', () => {
  test('a refused connection is reached false with the OS error', async () => {
    const port = await freePort();
    const r = await run({ url: `http://127.0.0.1:${port}/` });
    assert.equal(r.reached, false);
    assert.equal(r.message, `GET http://127.0.0.1:${port}/: connect ECONNREFUSED 127.0.0.1:${port}`);
    assert.equal(r.observation.CONNECTED, false);
    assert.equal(r.latencyMs, null);
  });

  test('a server that never answers times out within the budget and the connection is closed', async () => {
    const before = activeResources();
    const { value: r, ms } = await timed(() => run({ url: `http://127.0.0.1:${silent.port}/` }, 300));
    assert.equal(r.reached, false);
    assert.equal(r.message, `GET http://127.0.0.1:${silent.port}/: timed out after 300 ms`);
    assert.ok(ms >= 290 && ms < 1_000, `took ${ms} ms`);
    await waitFor('the silent server to see the client hang up', async () => (await silent.open()) === 0);
    assert.ok((activeResources().Timeout ?? 0) <= (before.Timeout ?? 0), 'no timer left behind');
  });

  test('a body that stalls midway times out too', async () => {
    const r = await run({ url: `${base}/stall-body` }, 300);
    assert.equal(r.reached, false);
    assert.match(r.message, /timed out after 300 ms$/);
  });

  test('an abort stops the request at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { value: r, ms } = await timed(() => httpCheck.run(target('http', { url: `http://127.0.0.1:${silent.port}/` }), ctx(10_000, controller.signal)));
    assert.equal(r.reached, false);
    assert.match(r.message, /: aborted$/);
    assert.ok(ms < 500, `took ${ms} ms`);
    await waitFor('the silent server to see the client hang up', async () => (await silent.open()) === 0);
  });

  test('an already aborted signal returns without connecting', async () => {
    const controller = new AbortController();
    controller.abort();
    const accepted = silent.accepted();
    const r = await httpCheck.run(target('http', { url: `http://127.0.0.1:${silent.port}/` }), ctx(5_000, controller.signal));
    assert.equal(r.reached, false);
    assert.match(r.message, /aborted/);
    await new Promise((res) => setTimeout(res, 50));
    assert.equal(silent.accepted(), accepted);
  });

  test('a header value Node refuses is a result, not an exception', async () => {
    const r = await run({ url: `${base}/ok`, headers: { 'X-Bad': 'a\nb' } });
    assert.equal(r.reached, false);
    assert.match(r.message, /Invalid character in header content/);
  });

  test('describe shows the method, GET included, as lists and the CLI always have', () => {
    assert.equal(httpCheck.describe(target('http', { url: 'https://example.test/health' })), 'GET https://example.test/health');
    assert.equal(httpCheck.describe(target('http', { url: 'https://example.test/x', method: 'POST' })), 'POST https://example.test/x');
  });
});
