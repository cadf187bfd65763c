import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, probeHostKey } from '../../main/ssh/connect.ts';
import { HostKeyMismatchError, HostKeyUnknownError } from '../../main/ssh/errors.ts';
import type { OfferedHostKey } from '../../main/ssh/host-key-fingerprint.ts';
import { decideHostKeyTrust, openSshKeyLabel, repin, type HostKeyTrustDecision } from '../../main/ssh/host-key-trust.ts';
import { findKnownHostKeys, type KnownHostKey } from '../../main/ssh/known-hosts-import.ts';
import { startSshd, type TestSshd } from '../helpers/sshd.ts';
import { keyscan } from './host-key-test-utils.ts';
import { loginTo, rejection } from './ssh-test-utils.ts';

const FP_A = 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';
const FP_B = 'SHA256:M3tk9yUByptVVW8J5ES5RH98gQo+3/rYmd4wGjUq6sQ';
const FP_C = 'SHA256:29tx+rCrxxvl3xU5Jencfu6Gr6HV+civXGCBGyC5ne0';
const offeredA: OfferedHostKey = { fingerprint: FP_A, keyType: 'ssh-ed25519' };
const offeredB: OfferedHostKey = { fingerprint: FP_B, keyType: 'ssh-ed25519' };
const kh = (fingerprint: string, line: number, keyType = 'ssh-ed25519', revoked = false): KnownHostKey => ({ keyType, fingerprint, line, revoked });
const base = { host: 'web.example.com', port: 22 };

function expect<D extends HostKeyTrustDecision['decision']>(d: HostKeyTrustDecision, decision: D): Extract<HostKeyTrustDecision, { decision: D }> {
  assert.equal(d.decision, decision, JSON.stringify(d));
  return d as Extract<HostKeyTrustDecision, { decision: D }>;
}

describe('decideHostKeyTrust', () => {
  test('pinned and offered agree: trusted, whatever known_hosts says', () => {
    assert.deepEqual(decideHostKeyTrust({ ...base, pinned: FP_A, offered: offeredA }), { decision: 'trusted', fingerprint: FP_A });
    assert.deepEqual(decideHostKeyTrust({ ...base, pinned: FP_A, offered: offeredA, knownHosts: [kh(FP_B, 3)] }), { decision: 'trusted', fingerprint: FP_A });
  });

  test('nothing pinned: unknown, with the fingerprint in OpenSSH\'s words; known_hosts only informs', () => {
    const notConsulted = expect(decideHostKeyTrust({ ...base, pinned: null, offered: offeredA }), 'unknown');
    assert.equal(notConsulted.knownHostsSays, undefined);
    assert.deepEqual(notConsulted.offered, offeredA);
    assert.equal(
      notConsulted.message.split('\n').slice(0, 2).join('\n'),
      `The authenticity of host 'web.example.com:22' can't be established.\nED25519 key fingerprint is ${FP_A}.`,
    );
    assert.match(notConsulted.message, /ssh-keygen -lf \/etc\/ssh\/ssh_host_ed25519_key\.pub/);

    const absent = expect(decideHostKeyTrust({ ...base, pinned: null, offered: offeredA, knownHosts: [] }), 'unknown');
    assert.deepEqual([absent.knownHostsSays, absent.knownHostsLines], ['absent', []]);

    const matches = expect(decideHostKeyTrust({ ...base, pinned: null, offered: offeredA, knownHosts: [kh(FP_C, 2, 'ssh-rsa'), kh(FP_A, 7)] }), 'unknown');
    assert.deepEqual([matches.knownHostsSays, matches.knownHostsLines], ['matches', [7]]);
    assert.match(matches.message, /known_hosts records this same key for this host \(line 7\)/);

    const differs = expect(decideHostKeyTrust({ ...base, pinned: null, offered: offeredA, knownHosts: [kh(FP_B, 4)] }), 'unknown');
    assert.deepEqual([differs.knownHostsSays, differs.knownHostsLines], ['differs', [4]]);
    assert.match(differs.message, /WARNING: known_hosts records a different key for this host \(line 4\)/);
  });

  test('known_hosts recording only another key type still "differs": an impostor could dodge by offering another type', () => {
    const d = expect(decideHostKeyTrust({ ...base, pinned: null, offered: offeredA, knownHosts: [kh(FP_C, 1, 'ssh-rsa')] }), 'unknown');
    assert.equal(d.knownHostsSays, 'differs');
  });

  test('pinned and offered differ: mismatch naming both fingerprints and the deliberate way to re-pin', () => {
    const d = expect(decideHostKeyTrust({ host: 'db', port: 2222, pinned: FP_A, offered: offeredB }), 'mismatch');
    assert.equal(d.pinned, FP_A);
    assert.deepEqual(d.offered, offeredB);
    assert.equal(d.message, `Host key for db:2222 changed: pinned ${FP_A}, offered ${FP_B} (ssh-ed25519). The connection is refused.`);
    assert.ok(d.howToRepin.includes(FP_A) && d.howToRepin.includes(FP_B), d.howToRepin);
    assert.match(d.howToRepin, /ssh-keygen -lf \/etc\/ssh\/ssh_host_ed25519_key\.pub/);
    assert.match(d.howToRepin, /re-pin by typing that fingerprint exactly/);
    assert.equal(d.knownHostsSays, undefined);

    const withKh = expect(decideHostKeyTrust({ host: 'db', port: 2222, pinned: FP_A, offered: offeredB, knownHosts: [kh(FP_B, 9)] }), 'mismatch');
    assert.equal(withKh.knownHostsSays, 'matches');
    assert.match(withKh.howToRepin, /already records the new key \(line 9\)/);
  });

  test('a revoked key is refused even when it is the pinned one; other revoked keys do not matter', () => {
    const d = expect(decideHostKeyTrust({ ...base, pinned: FP_A, offered: offeredA, knownHosts: [kh(FP_A, 5, 'ssh-ed25519', true)] }), 'revoked');
    assert.equal(d.knownHostsLine, 5);
    assert.match(d.message, /marked @revoked in known_hosts \(line 5\)/);
    expect(decideHostKeyTrust({ ...base, pinned: null, offered: offeredA, knownHosts: [kh(FP_A, 5, 'ssh-ed25519', true)] }), 'revoked');
    // A revoked other key is no evidence for or against this one.
    const u = expect(decideHostKeyTrust({ ...base, pinned: null, offered: offeredA, knownHosts: [kh(FP_B, 5, 'ssh-ed25519', true)] }), 'unknown');
    assert.equal(u.knownHostsSays, 'absent');
    expect(decideHostKeyTrust({ ...base, pinned: FP_A, offered: offeredA, knownHosts: [kh(FP_B, 5, 'ssh-ed25519', true)] }), 'trusted');
  });

  test('IPv6 hosts are named [addr]:port; key labels follow OpenSSH', () => {
    const d = expect(decideHostKeyTrust({ host: '::1', port: 22, pinned: FP_A, offered: offeredB }), 'mismatch');
    assert.match(d.message, /^Host key for \[::1\]:22 changed/);
    assert.deepEqual(
      ['ssh-ed25519', 'ssh-rsa', 'ecdsa-sha2-nistp384', 'ssh-dss', 'sk-ssh-ed25519@openssh.com', 'ssh-ed25519-cert-v01@openssh.com', 'unknown'].map(openSshKeyLabel),
      ['ED25519', 'RSA', 'ECDSA', 'DSA', 'ED25519-SK', 'ED25519-CERT', 'UNKNOWN'],
    );
  });
});

describe('repin', () => {
  test('succeeds only with exactly the offered fingerprint', () => {
    assert.deepEqual(repin(FP_A, offeredB, FP_B), { ok: true, pinned: FP_B, previous: FP_A });
    assert.deepEqual(repin(null, offeredB, FP_B), { ok: true, pinned: FP_B, previous: null });
  });

  test('a click-like or careless confirmation changes nothing, and says why', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /must be exactly the new fingerprint/],
      ['yes', /must be exactly the new fingerprint/],
      [FP_A, /that is the old, pinned fingerprint/],
      [` ${FP_B}\n`, /remove the spaces or line breaks/],
      [FP_B.toLowerCase(), /case-sensitive/],
      [FP_B.slice('SHA256:'.length), /include the "SHA256:" prefix/],
      [FP_B.slice(0, -1), /must be exactly/],
      [`${FP_B}=`, /must be exactly/],
    ];
    for (const [confirmation, why] of cases) {
      const r = repin(FP_A, offeredB, confirmation);
      assert.equal(r.ok, false, JSON.stringify(confirmation));
      if (!r.ok) {
        assert.match(r.reason, why, JSON.stringify(confirmation));
        assert.match(r.reason, /nothing was changed$/);
      }
    }
  });

  test('refuses a revoked key, a no-op re-pin and a malformed offered fingerprint', () => {
    const revoked = repin(FP_A, offeredB, FP_B, { knownHosts: [kh(FP_B, 12, 'ssh-ed25519', true)] });
    assert.deepEqual(revoked, { ok: false, reason: `${FP_B} is marked @revoked in known_hosts (line 12); it cannot be pinned` });
    const same = repin(FP_B, offeredB, FP_B);
    assert.equal(same.ok, false);
    const bogus = repin(FP_A, { fingerprint: 'SHA256:short', keyType: 'ssh-ed25519' }, 'SHA256:short');
    assert.equal(bogus.ok, false);
  });
});

describe('against the real test sshd, with a host key that is regenerated', () => {
  let sshd: TestSshd;
  before(async () => {
    sshd = await startSshd();
  });
  after(async () => {
    await sshd?.stop();
  });

  test('probe → unknown (known_hosts matches) → pin → trusted → host re-keyed → mismatch → re-pin only with the exact new fingerprint', { timeout: 60_000 }, async () => {
    const where = { host: sshd.host, port: sshd.port };
    const knownHostsText = await keyscan(sshd);
    const knownHosts = findKnownHostKeys(knownHostsText, sshd.host, sshd.port);

    // First contact: nothing pinned. connect() refuses, the probe shows the key, known_hosts agrees.
    const unknownErr = await rejection(connect({ ...loginTo(sshd), expectedHostKey: null }));
    assert.ok(unknownErr instanceof HostKeyUnknownError);
    const offered = await probeHostKey(sshd.host, sshd.port, 5_000);
    assert.deepEqual(offered, unknownErr.offered);
    const first = expect(decideHostKeyTrust({ ...where, pinned: null, offered, knownHosts }), 'unknown');
    assert.equal(first.knownHostsSays, 'matches');
    assert.ok(first.message.includes(`ED25519 key fingerprint is ${sshd.hostKeyFingerprint}.`), first.message);

    // The person confirms; the pin works for a real login.
    const pinned = repin(null, offered, sshd.hostKeyFingerprint);
    assert.ok(pinned.ok);
    expect(decideHostKeyTrust({ ...where, pinned: pinned.pinned, offered, knownHosts }), 'trusted');
    const conn = await connect({ ...loginTo(sshd), expectedHostKey: pinned.pinned });
    await conn.close();

    // The host is rebuilt: new host keys on the same address.
    const oldPin = pinned.pinned;
    await sshd.regenerateHostKey();
    assert.notEqual(sshd.hostKeyFingerprint, oldPin);
    const mismatchErr = await rejection(connect({ ...loginTo(sshd), expectedHostKey: oldPin }));
    assert.ok(mismatchErr instanceof HostKeyMismatchError);
    const d = expect(decideHostKeyTrust({ ...where, pinned: oldPin, offered: mismatchErr.offered, knownHosts }), 'mismatch');
    assert.equal(d.pinned, oldPin);
    assert.equal(d.offered.fingerprint, sshd.hostKeyFingerprint);
    assert.ok(d.message.includes(oldPin) && d.message.includes(sshd.hostKeyFingerprint), d.message);
    assert.ok(d.howToRepin.includes(oldPin) && d.howToRepin.includes(sshd.hostKeyFingerprint), d.howToRepin);
    assert.equal(d.knownHostsSays, 'differs', 'the old known_hosts still records the old keys');

    // Re-pinning needs the new fingerprint typed exactly; the old pin keeps refusing meanwhile.
    for (const wrong of ['', 'yes', oldPin, sshd.hostKeyFingerprint.toLowerCase(), `${sshd.hostKeyFingerprint} `]) {
      assert.equal(repin(oldPin, d.offered, wrong).ok, false, JSON.stringify(wrong));
    }
    const repinned = repin(oldPin, d.offered, sshd.hostKeyFingerprint, { knownHosts });
    assert.deepEqual(repinned, { ok: true, pinned: sshd.hostKeyFingerprint, previous: oldPin });
    const conn2 = await connect({ ...loginTo(sshd), expectedHostKey: repinned.ok ? repinned.pinned : oldPin });
    await conn2.close();

    // A fresh known_hosts now agrees with the new pin.
    const fresh = findKnownHostKeys(await keyscan(sshd), sshd.host, sshd.port);
    expect(decideHostKeyTrust({ ...where, pinned: sshd.hostKeyFingerprint, offered: d.offered, knownHosts: fresh }), 'trusted');
    const again = expect(decideHostKeyTrust({ ...where, pinned: null, offered: d.offered, knownHosts: fresh }), 'unknown');
    assert.equal(again.knownHostsSays, 'matches');
  });

  test('a key marked @revoked in known_hosts is refused even though it is pinned and really offered', { timeout: 30_000 }, async () => {
    const offered = await probeHostKey(sshd.host, sshd.port, 5_000);
    const scanned = await keyscan(sshd, 'ed25519');
    const revokedText = `@revoked ${scanned}`;
    const knownHosts = findKnownHostKeys(revokedText, sshd.host, sshd.port);
    assert.deepEqual(knownHosts, [{ keyType: 'ssh-ed25519', fingerprint: offered.fingerprint, line: 1, revoked: true }]);
    const d = expect(decideHostKeyTrust({ host: sshd.host, port: sshd.port, pinned: offered.fingerprint, offered, knownHosts }), 'revoked');
    assert.equal(d.knownHostsLine, 1);
    assert.equal(repin(null, offered, offered.fingerprint, { knownHosts }).ok, false);
  });
});
