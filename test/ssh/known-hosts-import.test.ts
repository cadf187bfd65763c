import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { probeHostKey } from '../../main/ssh/connect.ts';
import {
  entryMatchesHost,
  findKnownHostKeys,
  hashKnownHostName,
  knownHostsName,
  matchHashed,
  parseKnownHosts,
  type KnownHostEntry,
} from '../../main/ssh/known-hosts-import.ts';
import { generateKey, sshKeygenFingerprint, startSshd, type TestSshd } from '../helpers/sshd.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { hashWithSshKeygen, keyscan, prng, sshKeygenFingerprints, sshKeygenFind } from './host-key-test-utils.ts';

const tmp = makeTempDir('photon-kh-');
after(() => tmp.cleanup());

/** Real keys made by ssh-keygen: their .pub fields and `ssh-keygen -lf` fingerprints. */
const keys = {} as Record<'ed' | 'rsa' | 'ecdsa' | 'other', { type: string; b64: string; fp: string }>;
before(async () => {
  for (const [name, type] of [
    ['ed', 'ed25519'],
    ['rsa', 'rsa'],
    ['ecdsa', 'ecdsa'],
    ['other', 'ed25519'],
  ] as const) {
    const file = await generateKey(tmp.dir, `k_${name}`, type);
    const [keyType, b64] = fs.readFileSync(`${file}.pub`, 'utf8').split(' ') as [string, string];
    keys[name] = { type: keyType, b64, fp: await sshKeygenFingerprint(`${file}.pub`) };
  }
});
const line = (hosts: string, k: { type: string; b64: string }, extra = '') => `${hosts} ${k.type} ${k.b64}${extra}`;

describe('plain entries', () => {
  test('host lists, [host]:port, comments, blanks and CRLF; fingerprints are ssh-keygen\'s', () => {
    const text = [
      '# known hosts',
      '',
      line('web.example.com,10.0.0.5', keys.ed, ' ada@laptop'),
      line('[web.example.com]:2222', keys.rsa),
      `   ${line('db', keys.ecdsa)}   \r`,
    ].join('\n');
    const { entries, warnings } = parseKnownHosts(text);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      entries.map((e) => [e.line, e.keyType, e.fingerprint, e.comment, e.marker]),
      [
        [3, 'ssh-ed25519', keys.ed.fp, 'ada@laptop', null],
        [4, 'ssh-rsa', keys.rsa.fp, '', null],
        [5, keys.ecdsa.type, keys.ecdsa.fp, '', null],
      ],
    );
    assert.deepEqual(findKnownHostKeys(text, 'web.example.com', 22), [{ keyType: 'ssh-ed25519', fingerprint: keys.ed.fp, line: 3, revoked: false }]);
    assert.deepEqual(findKnownHostKeys(text, '10.0.0.5', 22).length, 1);
    assert.deepEqual(findKnownHostKeys(text, 'web.example.com', 2222), [{ keyType: 'ssh-rsa', fingerprint: keys.rsa.fp, line: 4, revoked: false }]);
    assert.deepEqual(findKnownHostKeys(text, 'WEB.Example.com', 22).length, 1, 'host names compare case-insensitively');
    assert.deepEqual(findKnownHostKeys(text, 'web.example.com', 2200), []);
    assert.deepEqual(findKnownHostKeys(text, 'example.com', 22), []);
  });

  test('the lookup name is host on port 22 and [host]:port elsewhere, IPv6 included', () => {
    assert.equal(knownHostsName('Web', 22), 'web');
    assert.equal(knownHostsName('web', 2222), '[web]:2222');
    assert.equal(knownHostsName('::1', 2222), '[::1]:2222');
    const text = `${line('[::1]:2222', keys.ed)}\n${line('::1', keys.rsa)}`;
    assert.deepEqual(
      findKnownHostKeys(text, '::1', 2222).map((k) => k.line),
      [1],
    );
    assert.deepEqual(
      findKnownHostKeys(text, '::1', 22).map((k) => k.line),
      [2],
    );
  });

  test('wildcards and negation, as in OpenSSH (checked against ssh-keygen -F)', async () => {
    const text = [
      line('*.example.com,!bad.example.com', keys.ed),
      line('10.0.0.?', keys.rsa),
      line('[*.example.com]:2222', keys.ecdsa),
      line('!*.internal,*', keys.other),
      line('Mixed.Case.Host', keys.ed),
    ].join('\n');
    const file = path.join(tmp.dir, 'patterns');
    fs.writeFileSync(file, `${text}\n`);
    const cases: Array<[string, number]> = [
      ['a.example.com', 22],
      ['bad.example.com', 22],
      ['10.0.0.7', 22],
      ['10.0.0.77', 22],
      ['a.example.com', 2222],
      ['x.internal', 22],
      ['anything', 22],
      ['mixed.case.host', 22],
    ];
    for (const [host, port] of cases) {
      const ours = findKnownHostKeys(text, host, port).map((k) => k.line);
      assert.deepEqual(ours, await sshKeygenFind(file, knownHostsName(host, port)), `${host}:${port}`);
    }
    const parsed = parseKnownHosts(text).entries;
    assert.equal(entryMatchesHost(parsed[0]!, 'bad.example.com', 22), false);
    assert.equal(entryMatchesHost(parsed[0]!, 'good.example.com', 22), true);
  });
});

describe('hashed entries', () => {
  test('matchHashed recomputes HMAC-SHA1(salt, name) for the host and port', () => {
    const salt = randomBytes(20);
    const hashed = hashKnownHostName('[db.example.com]:2222', salt);
    assert.match(hashed, /^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}=$/);
    const { entries, warnings } = parseKnownHosts(line(hashed, keys.ed));
    assert.deepEqual(warnings, []);
    const entry = entries[0]!;
    assert.equal(entry.hostNames.kind, 'hashed');
    assert.equal(matchHashed(entry, 'db.example.com', 2222), true);
    assert.equal(matchHashed(entry, 'DB.example.com', 2222), true);
    assert.equal(matchHashed(entry, 'db.example.com', 22), false);
    assert.equal(matchHashed(entry, 'db.example.org', 2222), false);
    assert.equal(matchHashed(hashed, 'db.example.com', 2222), true, 'the bare hashed field works too');
    assert.equal(matchHashed('plain.example.com', 'plain.example.com', 22), false, 'not a hashed field');
    const plain = parseKnownHosts(line('db.example.com', keys.ed)).entries[0]!;
    assert.equal(matchHashed(plain, 'db.example.com', 22), false, 'a plain entry is not a hashed match');
  });

  test('malformed hashed fields are warnings, not matches', () => {
    const twenty = Buffer.alloc(20, 1).toString('base64');
    const bad = ['|1|', '|1|abc|def', `|1|${twenty}`, `|1|${Buffer.alloc(19).toString('base64')}|${twenty}`, `|1|${twenty}|${twenty}|x`, `|2|${twenty}|${twenty}`];
    const { entries, warnings } = parseKnownHosts(bad.map((h) => line(h, keys.ed)).join('\n'));
    // "|2|…" is not the hash magic: OpenSSH reads it as an (odd) literal host name.
    assert.equal(entries.length, 1);
    assert.equal(warnings.length, 5);
    for (const w of warnings) assert.match(w.message, /hashed host name/);
  });
});

describe('markers', () => {
  test('@cert-authority is parsed but never returned by lookups; @revoked comes back flagged', () => {
    const text = [`@cert-authority *.example.com ${keys.ed.type} ${keys.ed.b64}`, `@revoked * ${keys.rsa.type} ${keys.rsa.b64}`, line('a.example.com', keys.ecdsa)].join('\n');
    const { entries, warnings } = parseKnownHosts(text);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      entries.map((e) => e.marker),
      ['cert-authority', 'revoked', null],
    );
    assert.deepEqual(findKnownHostKeys(text, 'a.example.com', 22), [
      { keyType: 'ssh-rsa', fingerprint: keys.rsa.fp, line: 2, revoked: true },
      { keyType: keys.ecdsa.type, fingerprint: keys.ecdsa.fp, line: 3, revoked: false },
    ]);
  });

  test('an unknown marker is a warning', () => {
    const { entries, warnings } = parseKnownHosts(`@trusted host ${keys.ed.type} ${keys.ed.b64}`, { file: '/home/ada/.ssh/known_hosts' });
    assert.deepEqual(entries, []);
    assert.deepEqual(warnings, [{ file: '/home/ada/.ssh/known_hosts', line: 1, message: 'unknown marker @trusted; line skipped' }]);
  });
});

describe('bad input never throws', () => {
  test('each unreadable line is a warning with its line number; good lines around it still count', () => {
    const wrongType = `host ssh-rsa ${keys.ed.b64}`;
    const text = [
      'host-only', // 1
      'host ssh-ed25519', // 2
      'host ssh-ed25519 not*base64!', // 3
      wrongType, // 4
      'host 2048 35 1234567890', // 5: SSH-1
      `host ssh-ed25519 ${Buffer.from('garbage').toString('base64')}`, // 6
      `,, ${keys.ed.type} ${keys.ed.b64}`, // 7
      'host\u0000\u0001 ssh-ed25519 AAAA', // 8
      line('ok', keys.ed), // 9
      `host ssh-ed25519 ${'A'.repeat(40_000)}`, // 10: larger than any key
    ].join('\n');
    const { entries, warnings } = parseKnownHosts(text);
    assert.deepEqual(
      entries.map((e) => e.line),
      [9],
    );
    assert.deepEqual(
      warnings.map((w) => `${w.line}: ${w.message}`),
      [
        '1: no key on this line; line skipped',
        '2: no key data after ssh-ed25519; line skipped',
        '3: key is not valid base64; line skipped',
        '4: key type ssh-rsa does not match the key data (ssh-ed25519); line skipped',
        '5: an SSH-1 RSA key (protocol 1 is long gone); line skipped',
        '6: key type ssh-ed25519 does not match the key data (not an SSH key); line skipped',
        '7: empty host name in the list; line skipped',
        '8: unreadable characters (binary data?); line skipped',
        '10: key has an impossible size; line skipped',
      ],
    );
    assert.deepEqual(
      findKnownHostKeys(text, 'host', 22).map((k) => k.line),
      [],
    );
    assert.deepEqual(
      findKnownHostKeys(text, 'ok', 22).map((k) => k.line),
      [9],
    );
  });

  test('binary garbage: bounded warnings, no entries, no exception', () => {
    const rand = prng(11);
    for (let round = 0; round < 20; round++) {
      const garbage = Buffer.from(Array.from({ length: 64 * 1024 }, () => Math.floor(rand() * 256))).toString('latin1');
      const { entries, warnings } = parseKnownHosts(garbage);
      assert.equal(entries.length, 0);
      assert.ok(warnings.length <= 201);
      assert.deepEqual(findKnownHostKeys(garbage, 'host', 22), []);
    }
  });

  test('fuzz: random known_hosts-like text never throws', () => {
    const words = ['@revoked', '@cert-authority', '|1|', '|', '*', '!', ',', '[h]:22', 'h', 'ssh-ed25519', 'ssh-rsa', keys.ed.b64, keys.rsa.b64.slice(0, 50), '=', '#', ' ', '\t', '\n', '\r\n'];
    for (let seed = 1; seed <= 300; seed++) {
      const rand = prng(seed);
      const text = Array.from({ length: 120 }, () => words[Math.floor(rand() * words.length)]!).join(rand() < 0.5 ? ' ' : '');
      try {
        parseKnownHosts(text);
        findKnownHostKeys(text, 'h', 22);
      } catch (err) {
        assert.fail(`seed ${seed} threw: ${String(err)}`);
      }
    }
  });

  test('a large known_hosts (50,000 entries, half hashed) is searched to the last entry', (t) => {
    const lines: string[] = [];
    for (let i = 0; i < 25_000; i++) {
      lines.push(line(`host${i}.example.com,10.1.${i >> 8}.${i & 255}`, keys.ed));
      lines.push(line(hashKnownHostName(`hashed${i}.example.com`, randomBytes(20)), keys.rsa));
    }
    const text = lines.join('\n');
    const started = performance.now();
    const found = findKnownHostKeys(text, 'hashed24999.example.com', 22);
    const ms = performance.now() - started;
    assert.deepEqual(
      found.map((k) => k.line),
      [50_000],
    );
    t.diagnostic(`searched in ${ms.toFixed(0)} ms`);
  });
});

describe('against the real test sshd, ssh-keyscan and ssh-keygen', () => {
  let sshd: TestSshd;
  before(async () => {
    sshd = await startSshd();
  });
  after(async () => {
    await sshd?.stop();
  });

  test('ssh-keyscan → known_hosts → parse: fingerprints equal ssh-keygen -lf and probeHostKey', { timeout: 30_000 }, async () => {
    const text = await keyscan(sshd);
    const file = path.join(tmp.dir, 'scanned');
    fs.writeFileSync(file, text);
    const { entries, warnings } = parseKnownHosts(text, { file });
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      entries.map((e) => e.fingerprint),
      await sshKeygenFingerprints(file),
    );

    const found = findKnownHostKeys(text, sshd.host, sshd.port);
    assert.deepEqual(
      found.map((k) => [k.keyType, k.fingerprint]).sort(),
      [
        ['ssh-ed25519', sshd.hostKeyFingerprint],
        ['ssh-rsa', sshd.rsaHostKeyFingerprint],
      ],
    );
    const probed = await probeHostKey(sshd.host, sshd.port, 5_000);
    assert.equal(found.find((k) => k.keyType === probed.keyType)?.fingerprint, probed.fingerprint);
    // ssh-keyscan writes [127.0.0.1]:port: nothing is recorded for port 22.
    assert.deepEqual(findKnownHostKeys(text, sshd.host, 22), []);
  });

  test('ssh-keygen -H output: every entry hashed, matched for the right host and port only', { timeout: 30_000 }, async () => {
    const plain = await keyscan(sshd);
    const hashed = await hashWithSshKeygen(tmp.dir, 'hashed', plain);
    assert.doesNotMatch(hashed, /127\.0\.0\.1/, 'ssh-keygen -H leaves no host name in clear');
    const { entries, warnings } = parseKnownHosts(hashed);
    assert.deepEqual(warnings, []);
    assert.equal(entries.length, 2);
    for (const e of entries) {
      assert.equal(e.hostNames.kind, 'hashed');
      assert.equal(matchHashed(e, sshd.host, sshd.port), true);
      assert.equal(matchHashed(e, sshd.host, 22), false);
      assert.equal(matchHashed(e, '127.0.0.2', sshd.port), false);
    }
    assert.deepEqual(
      entries.map((e) => e.fingerprint),
      await sshKeygenFingerprints(path.join(tmp.dir, 'hashed')),
    );
    assert.deepEqual(
      findKnownHostKeys(hashed, sshd.host, sshd.port).map((k) => k.fingerprint).sort(),
      [sshd.hostKeyFingerprint, sshd.rsaHostKeyFingerprint].sort(),
    );
    // And ssh-keygen -F agrees on which lines are for this host.
    assert.deepEqual(await sshKeygenFind(path.join(tmp.dir, 'hashed'), knownHostsName(sshd.host, sshd.port)), [1, 2]);
  });

  test('entries are typed for downstream use', () => {
    const e: KnownHostEntry | undefined = parseKnownHosts(line('x', keys.ed)).entries[0];
    assert.ok(e && e.hostNames.kind === 'patterns' && e.hostNames.patterns[0] === 'x');
  });
});
