import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { dnsCheck, rcodeOfError, resolverAddress } from '../../../main/monitors/checks/dns.ts';
import { startDnsmasq, type Dnsmasq } from '../../helpers/dnsmasq.ts';
import { activeResources, startBlackHoleUdp } from '../../helpers/loopback-servers.ts';
import { ctx, defaultsHold, detail, holds, target, timed, withoutLeakedTimers } from './check-harness.ts';

const DKIM_1 = 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA';
const DKIM_2 = 'u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+';

let dns: Dnsmasq;
let blackHole: Awaited<ReturnType<typeof startBlackHoleUdp>>;

before(async () => {
  dns = await startDnsmasq([
    // Only example.test is local; anything else has no upstream and is REFUSED.
    '--local=/example.test/',
    '--address=/www.example.test/192.0.2.10',
    '--host-record=host.example.test,192.0.2.20,2001:db8::20',
    '--cname=alias.example.test,host.example.test',
    '--txt-record=example.test,v=spf1 ip4:192.0.2.0/24 include:_spf.example.test -all',
    '--txt-record=example.test,site-verification=abc123',
    '--txt-record=_dmarc.example.test,v=DMARC1; p=reject; rua=mailto:dmarc@example.test',
    // A DKIM key too long for one TXT string arrives as several strings of one record.
    `--txt-record=sel1._domainkey.example.test,${DKIM_1},${DKIM_2}`,
    '--mx-host=example.test,mx2.example.test,20',
    '--mx-host=example.test,mx1.example.test,10',
  ]);
  blackHole = await startBlackHoleUdp();
});

after(async () => {
  await dns?.stop();
  await blackHole?.close();
});

const run = (fields: Record<string, unknown>, timeoutMs = 3_000) => dnsCheck.run(target('dns', { resolver: dns.address, ...fields }), ctx(timeoutMs));

describe('dns: answers from a real server (dnsmasq)', () => {
  test('A: the address is the body and the IP; the defaults hold', async () => {
    const r = await withoutLeakedTimers(() => run({ query: 'www.example.test' }));
    assert.equal(r.reached, true, r.message);
    assert.equal(r.observation.DNS_RCODE, 'NOERROR');
    assert.equal(r.observation.BODY, '192.0.2.10');
    assert.equal(r.observation.IP, '192.0.2.10');
    assert.equal(r.observation.CONNECTED, true);
    assert.equal(typeof r.observation.RESPONSE_TIME, 'number');
    assert.ok(defaultsHold(r, dnsCheck.defaultConditions));
    assert.ok(holds(r, '[IP] == 192.0.2.10'));
    assert.match(r.message, /^A www\.example\.test: NOERROR, 1 record in [\d.]+ ms$/);
    assert.deepEqual(r.evidence.answers, ['192.0.2.10']);
  });

  test('AAAA', async () => {
    const r = await run({ query: 'host.example.test', recordType: 'AAAA' });
    assert.equal(r.observation.IP, '2001:db8::20');
  });

  test('CNAME', async () => {
    const r = await run({ query: 'alias.example.test', recordType: 'CNAME' });
    assert.equal(r.observation.BODY, 'host.example.test');
    assert.ok(!('IP' in r.observation), 'a CNAME query observes no IP');
  });

  test('TXT: SPF found among several records with a pattern condition', async () => {
    const r = await run({ query: 'example.test', recordType: 'TXT' });
    assert.equal(r.observation.DNS_RCODE, 'NOERROR');
    const lines = String(r.observation.BODY).split('\n').sort();
    assert.deepEqual(lines, ['site-verification=abc123', 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.test -all']);
    assert.ok(holds(r, '[BODY] == pat(*v=spf1 *-all*)'), detail(r, '[BODY] == pat(*v=spf1 *-all*)'));
    assert.ok(!holds(r, '[BODY] == pat(*+all*)'));
  });

  test('TXT: DMARC policy checked the way a monitor would', async () => {
    const r = await run({ query: '_dmarc.example.test', recordType: 'TXT' });
    assert.ok(holds(r, '[BODY] == pat(*v=DMARC1*)'));
    assert.ok(holds(r, '[BODY] == pat(*p=reject*)'));
    assert.ok(!holds(r, '[BODY] == pat(*p=none*)'));
  });

  test('TXT: a DKIM key in several strings is joined into one line', async () => {
    const r = await run({ query: 'sel1._domainkey.example.test', recordType: 'TXT' });
    assert.equal(r.observation.BODY, DKIM_1 + DKIM_2);
    assert.ok(holds(r, '[BODY] == pat(v=DKIM1;*)'));
  });

  test('MX: "priority host", lowest priority first', async () => {
    const r = await run({ query: 'example.test', recordType: 'MX' });
    assert.equal(r.observation.BODY, '10 mx1.example.test\n20 mx2.example.test');
    assert.ok(holds(r, '[BODY] == pat(10 mx1.example.test*)'));
  });

  test('NXDOMAIN: the server answered (reached), but the defaults fail', async () => {
    const r = await run({ query: 'gone.example.test' });
    assert.equal(r.reached, true);
    assert.equal(r.observation.CONNECTED, true);
    assert.equal(r.observation.DNS_RCODE, 'NXDOMAIN');
    assert.equal(r.observation.IP, null);
    assert.equal(r.observation.BODY, '');
    assert.equal(defaultsHold(r, dnsCheck.defaultConditions), false);
    assert.equal(detail(r, '[DNS_RCODE] == NOERROR'), '[DNS_RCODE] (NXDOMAIN) == NOERROR');
  });

  test('NOERROR without records (ENODATA) fails the default len([BODY]) > 0', async () => {
    const r = await run({ query: 'example.test', recordType: 'NS' });
    assert.equal(r.observation.DNS_RCODE, 'NOERROR');
    assert.equal(r.observation.BODY, '');
    assert.ok(holds(r, '[DNS_RCODE] == NOERROR'));
    assert.equal(holds(r, 'len([BODY]) > 0'), false);
    assert.match(r.message, /NOERROR, no records/);
  });

  test('REFUSED is the server\'s answer too', async () => {
    const r = await run({ query: 'elsewhere.test' });
    assert.equal(r.reached, true);
    assert.equal(r.observation.DNS_RCODE, 'REFUSED');
    assert.match(dns.log(), /query\[A\] elsewhere\.test from 127\.0\.0\.1/);
  });
});

describe('dns: no answer', () => {
  test('a resolver that never answers: timed out within the budget, nothing left running', async () => {
    const before = activeResources();
    const received = blackHole.received();
    const { value: r, ms } = await timed(() => dnsCheck.run(target('dns', { query: 'www.example.test', resolver: `127.0.0.1:${blackHole.port}` }), ctx(500)));
    assert.equal(r.reached, false);
    assert.equal(r.message, `A www.example.test via 127.0.0.1:${blackHole.port}: timed out after 500 ms`);
    assert.equal(r.observation.CONNECTED, false);
    assert.equal(r.observation.DNS_RCODE, null);
    assert.ok(ms < 900, `took ${ms} ms`);
    assert.ok(blackHole.received() > received, 'the query was really sent');
    assert.ok((activeResources().Timeout ?? 0) <= (before.Timeout ?? 0), 'no timer left behind');
  });

  test('an abort cancels the query at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { value: r, ms } = await timed(() =>
      dnsCheck.run(target('dns', { query: 'www.example.test', resolver: `127.0.0.1:${blackHole.port}` }), ctx(10_000, controller.signal)),
    );
    assert.equal(r.reached, false);
    assert.match(r.message, /: aborted$/);
    assert.ok(ms < 400, `took ${ms} ms`);
  });

  test('a resolver port with nothing behind it: reached false with the resolver error', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    const r = await dnsCheck.run(target('dns', { query: 'www.example.test', resolver: `127.0.0.1:${port}` }), ctx(2_000));
    assert.equal(r.reached, false);
    assert.equal(r.message, `A www.example.test via 127.0.0.1:${port}: queryA ECONNREFUSED www.example.test`);
  });

  test('a malformed resolver is reported, not thrown', async () => {
    const r = await dnsCheck.run(target('dns', { query: 'www.example.test', resolver: 'dns.example:53' }), ctx());
    assert.equal(r.reached, false);
    assert.equal(r.message, 'resolver must be "ip" or "ip:port", got "dns.example:53"');
  });
});

test('c-ares errors map to the response code the server sent, or to none', () => {
  assert.equal(rcodeOfError('ENODATA'), 'NOERROR');
  assert.equal(rcodeOfError('ENOTFOUND'), 'NXDOMAIN');
  assert.equal(rcodeOfError('ESERVFAIL'), 'SERVFAIL');
  assert.equal(rcodeOfError('EREFUSED'), 'REFUSED');
  assert.equal(rcodeOfError('EFORMERR'), 'FORMERR');
  for (const noAnswer of ['ETIMEOUT', 'ECONNREFUSED', 'ECANCELLED', 'EBADRESP', undefined, 'toString']) assert.equal(rcodeOfError(noAnswer), null);
});

test('resolver addresses', () => {
  assert.equal(resolverAddress('127.0.0.1'), '127.0.0.1');
  assert.equal(resolverAddress('127.0.0.1:5353'), '127.0.0.1:5353');
  assert.equal(resolverAddress('::1'), '::1');
  assert.equal(resolverAddress('[::1]:5353'), '[::1]:5353');
  assert.equal(resolverAddress('[2001:db8::1]'), '2001:db8::1');
  assert.equal(resolverAddress('127.0.0.1:99999'), null);
  assert.equal(resolverAddress('ns1.example'), null);
});

test('describe', () => {
  assert.equal(dnsCheck.describe(target('dns', { query: '_dmarc.example.test', recordType: 'TXT', resolver: '192.0.2.53' })), 'TXT _dmarc.example.test @192.0.2.53');
  assert.equal(dnsCheck.describe(target('dns', { query: 'example.test' })), 'A example.test');
});
