import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fingerprintsEqual, hostKeyFingerprint, hostKeyType } from '../../main/ssh/host-key-fingerprint.ts';
import { generateKey, sshKeygenFingerprint } from '../helpers/sshd.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const tmp = makeTempDir('photon-fp-');
after(() => tmp.cleanup());

/** The key blob is the base64 field of a .pub file: "<type> <base64 blob> <comment>". */
function blobOf(pubPath: string): Buffer {
  const field = fs.readFileSync(pubPath, 'utf8').split(' ')[1];
  assert.ok(field, `no key field in ${pubPath}`);
  return Buffer.from(field, 'base64');
}

const keys: Array<{ type: 'ed25519' | 'rsa' | 'ecdsa'; sshName: string; path?: string }> = [
  { type: 'ed25519', sshName: 'ssh-ed25519' },
  { type: 'rsa', sshName: 'ssh-rsa' },
  { type: 'ecdsa', sshName: 'ecdsa-sha2-nistp256' },
];

before(async () => {
  for (const k of keys) k.path = await generateKey(tmp.dir, `key_${k.type}`, k.type);
});

for (const k of keys) {
  test(`the fingerprint of a ${k.type} key is byte-identical to ssh-keygen -lf`, async () => {
    const expected = await sshKeygenFingerprint(`${k.path}.pub`);
    const blob = blobOf(`${k.path}.pub`);
    assert.equal(hostKeyFingerprint(blob), expected);
    assert.match(hostKeyFingerprint(blob), /^SHA256:[A-Za-z0-9+/]{43}$/, 'unpadded base64, as the contract pins it');
    assert.equal(hostKeyType(blob), k.sshName);
  });
}

test('a malformed blob gets a fingerprint but an "unknown" type, never an exception', () => {
  for (const blob of [Buffer.alloc(0), Buffer.from([0, 0, 0]), Buffer.from([0xff, 0xff, 0xff, 0xff, 1]), Buffer.from([0, 0, 0, 3, 0x3c, 0x3e, 0x0a])]) {
    assert.match(hostKeyFingerprint(blob), /^SHA256:/);
    assert.equal(hostKeyType(blob), 'unknown');
  }
});

test('fingerprint comparison is exact: case, padding and length all matter', () => {
  const fp = 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';
  assert.equal(fingerprintsEqual(fp, fp), true);
  assert.equal(fingerprintsEqual(fp, fp.toLowerCase()), false);
  assert.equal(fingerprintsEqual(fp, `${fp}=`), false);
  assert.equal(fingerprintsEqual(fp, ''), false);
  assert.equal(fingerprintsEqual(fp, fp.replace('Y8', 'Y9')), false);
});
