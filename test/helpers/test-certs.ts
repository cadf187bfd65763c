import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DAY = 86_400_000;

export interface TestCert {
  /** PEM private key. */
  key: string;
  /** PEM leaf certificate followed by the CA's, as a server sends it. */
  cert: string;
  /** The leaf's notAfter. */
  notAfter: Date;
}

export interface TestCerts {
  /** PEM file of the test CA, for caFile. */
  caFile: string;
  caSubject: string;
  /** For 127.0.0.1 and localhost, 30 days left. */
  valid: TestCert;
  /** For 127.0.0.1 and localhost, 3 days left. */
  expiringSoon: TestCert;
  /** For wrong.example.test only. */
  wrongHost: TestCert;
  /** For 127.0.0.1 and localhost, expired on 2020-02-01. */
  expired: TestCert;
  /** For 127.0.0.1, signed by itself (no CA). */
  selfSigned: TestCert;
}

/**
 * A private CA and leaf certificates made by the `openssl` CLI in `dir`: real X.509 with chosen
 * validity dates, which Node cannot create by itself. `openssl ca` is used for the leaves because it
 * is the only subcommand in OpenSSL 3.0 that sets a notBefore in the past.
 */
export async function makeTestCerts(dir: string): Promise<TestCerts> {
  await openssl(['version'], dir).catch((err: unknown) => {
    throw new Error(`the openssl CLI is needed to make test certificates (Debian package "openssl"): ${String(err)}`);
  });
  const caKey = path.join(dir, 'ca.key');
  const caFile = path.join(dir, 'ca.pem');
  const caSubject = 'Photon Test CA';
  await openssl(['req', '-x509', ...ecKey(caKey), '-out', caFile, '-days', '60', '-subj', `/CN=${caSubject}/O=Photon Tests`], dir);
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  fs.writeFileSync(
    path.join(dir, 'ca.cnf'),
    ['[ca]', 'default_ca = test', '[test]', 'database = index.txt', 'new_certs_dir = .', 'serial = serial', 'default_md = sha256',
      'policy = any', 'unique_subject = no', '[any]', 'commonName = supplied', 'organizationName = optional', ''].join('\n'),
  );
  const now = Date.now();
  const local = 'IP:127.0.0.1,DNS:localhost';
  const sign = (name: string, san: string, from: Date, to: Date) => leaf(dir, { name, san, from, to, caKey, caFile });
  const valid = await sign('localhost', local, new Date(now - DAY), new Date(now + 30 * DAY));
  const expiringSoon = await sign('localhost', local, new Date(now - DAY), new Date(now + 3 * DAY));
  const wrongHost = await sign('wrong.example.test', 'DNS:wrong.example.test', new Date(now - DAY), new Date(now + 30 * DAY));
  const expired = await sign('localhost', local, new Date('2020-01-01T00:00:00Z'), new Date('2020-02-01T00:00:00Z'));

  const selfKey = path.join(dir, 'self.key');
  const selfPem = path.join(dir, 'self.pem');
  await openssl(['req', '-x509', ...ecKey(selfKey), '-out', selfPem, '-days', '30', '-subj', '/CN=self-signed', '-addext', `subjectAltName=${local}`], dir);
  const selfSigned = { key: fs.readFileSync(selfKey, 'utf8'), cert: fs.readFileSync(selfPem, 'utf8'), notAfter: new Date(now + 30 * DAY) };
  return { caFile, caSubject, valid, expiringSoon, wrongHost, expired, selfSigned };
}

let serial = 0;

async function leaf(dir: string, o: { name: string; san: string; from: Date; to: Date; caKey: string; caFile: string }): Promise<TestCert> {
  const base = path.join(dir, `leaf-${++serial}`);
  const extFile = `${base}.ext`;
  fs.writeFileSync(extFile, ['[ext]', `subjectAltName = ${o.san}`, 'basicConstraints = CA:FALSE', 'extendedKeyUsage = serverAuth', ''].join('\n'));
  await openssl(['req', '-new', ...ecKey(`${base}.key`), '-out', `${base}.csr`, '-subj', `/CN=${o.name}/O=Photon Tests`], dir);
  await openssl(
    ['ca', '-batch', '-notext', '-config', 'ca.cnf', '-cert', o.caFile, '-keyfile', o.caKey, '-in', `${base}.csr`, '-out', `${base}.pem`,
      '-startdate', asn1Time(o.from), '-enddate', asn1Time(o.to), '-extfile', extFile, '-extensions', 'ext'],
    dir,
  );
  const cert = fs.readFileSync(`${base}.pem`, 'utf8') + fs.readFileSync(o.caFile, 'utf8');
  // openssl ca keeps whole seconds: report the date the certificate really holds.
  return { key: fs.readFileSync(`${base}.key`, 'utf8'), cert, notAfter: new Date(Math.floor(o.to.getTime() / 1000) * 1000) };
}

function ecKey(keyFile: string): string[] {
  // P-256 keys: generated in milliseconds, unlike RSA.
  return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile];
}

/** YYYYMMDDHHMMSSZ, the form openssl ca takes. */
function asn1Time(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

async function openssl(args: string[], cwd: string): Promise<void> {
  await run('openssl', args, { cwd, timeout: 20_000 });
}
