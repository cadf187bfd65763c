import { useId, useState, type FormEvent } from 'react';
import type { MethodResult } from '../../../../preload/contract.ts';
import type { SshConfigRead } from '../../../../preload/schemas/hosts.ts';
import { CheckboxField } from '../../../components/CheckboxField.tsx';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { useAsyncAction } from '../../../components/use-async-action.ts';
import { plural } from '../../../format/numbers.ts';
import { useHostsStore } from '../../../state/stores-context.tsx';

type Imported = MethodResult<'importSshHosts'>;
type FoundHost = SshConfigRead['hosts'][number];

// After the "Import" tick box, which needs the panel's choice.
const FOUND_COLUMNS: readonly Column<FoundHost>[] = [
  {
    key: 'host',
    header: 'Host',
    rowHeader: true,
    render: (h) => (
      <>
        {h.alias}
        {h.existing && <span className="sub">already a host</span>}
        <span className="sub">{h.source}</span>
      </>
    ),
  },
  {
    key: 'login',
    header: 'Login',
    render: (h) => (
      <>
        <code>
          {h.user ?? '(your user)'}@{h.address}:{h.port}
        </code>
        {h.identityFile && <span className="sub">key {h.identityFile}</span>}
        {h.proxyJump && <span className="sub">via {h.proxyJump}</span>}
      </>
    ),
  },
  {
    key: 'keys',
    header: 'Keys in known_hosts',
    render: (h) =>
      h.knownHostKeys.length === 0 ? (
        <span className="muted">none</span>
      ) : (
        <ul className="plain-list">
          {h.knownHostKeys.map((k) => (
            <li key={`${k.line}-${k.fingerprint}`}>
              <code className="fingerprint">{k.fingerprint}</code> <span className="muted">{k.keyType}, line {k.line}</span>
            </li>
          ))}
        </ul>
      ),
  },
  { key: 'issues', header: 'Issues', render: (h) => (h.issues.length === 0 ? <span className="muted">none</span> : <ul className="plain-list text-danger">{h.issues.map((i, n) => <li key={n}>{i}</li>)}</ul>) },
];

/** Empty path fields mean the defaults; only what was typed is sent. */
const paths = (file: string, knownHostsFile: string) => ({
  ...(file.trim() ? { file: file.trim() } : {}),
  ...(knownHostsFile.trim() ? { knownHostsFile: knownHostsFile.trim() } : {}),
});

/**
 * Reads ~/.ssh/config and known_hosts (or the files named), shows each host with the keys
 * known_hosts records for it and anything that would not carry over, and imports the ones ticked.
 * Keys are pinned from known_hosts only when the person says they trust that file.
 */
export function SshImportPanel() {
  const readSshConfig = useHostsStore((s) => s.readSshConfig);
  const importSshHosts = useHostsStore((s) => s.importSshHosts);
  const titleId = useId();
  const [file, setFile] = useState('');
  const [knownHostsFile, setKnownHostsFile] = useState('');
  const [read, setRead] = useState<SshConfigRead | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [trust, setTrust] = useState(false);
  const [result, setResult] = useState<Imported | null>(null);
  // Reading and importing share one busy flag and one error line.
  const work = useAsyncAction((job: () => Promise<void>) => job());
  // A refusal before anything is sent; starting either job clears it.
  const [notice, setNotice] = useState<string | null>(null);
  const busy = work.busy;
  const error = notice ?? work.error;

  const load = async (keepResult = false) => {
    setNotice(null);
    if (!keepResult) setResult(null);
    const outcome = await work.run(async () => {
      const found = await readSshConfig(paths(file, knownHostsFile));
      setRead(found);
      setChosen(new Set(found.hosts.filter((h) => !h.existing).map((h) => h.alias)));
    });
    if (!outcome.ok) setRead(null);
  };

  const submitRead = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) void load();
  };

  const runImport = async () => {
    if (chosen.size === 0) {
      work.clearError();
      return setNotice('Tick at least one host to import.');
    }
    setNotice(null);
    const outcome = await work.run(async () => setResult(await importSshHosts({ ...paths(file, knownHostsFile), aliases: [...chosen], trustKnownHosts: trust })));
    // The "already a host" marks are out of date now.
    if (outcome.ok) await load(true);
  };

  const toggle = (alias: string, on: boolean) =>
    setChosen((c) => {
      const next = new Set(c);
      if (on) next.add(alias);
      else next.delete(alias);
      return next;
    });

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Import from ~/.ssh</h2>
      <form noValidate onSubmit={submitRead} aria-label="SSH files to read">
        <div className="field-row">
          <TextField label="SSH config file" value={file} onChange={setFile} placeholder="~/.ssh/config" hint="Empty: ~/.ssh/config" />
          <TextField label="known_hosts file" value={knownHostsFile} onChange={setKnownHostsFile} placeholder="~/.ssh/known_hosts" hint="Empty: ~/.ssh/known_hosts" />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy && !read ? 'Reading…' : 'Read hosts'}
          </button>
          <span className="muted">Reading changes nothing.</span>
        </div>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {read && (
        <div className="ssh-found">
          <p className="muted">
            {plural(read.hosts.length, 'host')} in <code>{read.file}</code>, keys from <code>{read.knownHostsFile}</code>.
          </p>
          {read.warnings.length > 0 && (
            <div className="banner banner-warning">
              <ul aria-label="Warnings">
                {read.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </div>
          )}
          {read.hosts.length > 0 && (
            <DataTable
              columns={[
                {
                  key: 'import',
                  header: 'Import',
                  render: (h) => (
                    <input type="checkbox" aria-label={`Import ${h.alias}`} checked={chosen.has(h.alias)} disabled={h.existing} onChange={(e) => toggle(h.alias, e.target.checked)} />
                  ),
                },
                ...FOUND_COLUMNS,
              ]}
              rows={read.hosts}
              rowKey={(h) => h.alias}
              label="Hosts found"
            />
          )}
          <CheckboxField
            label="Trust keys recorded in known_hosts"
            checked={trust}
            onChange={setTrust}
            hint="Pins each imported host to the key known_hosts records for it. Leave it off to check and confirm each fingerprint yourself."
          />
          <div className="actions">
            <button type="button" className="primary" disabled={busy || chosen.size === 0} onClick={() => void runImport()}>
              {busy ? 'Working…' : `Import ${plural(chosen.size, 'host')}`}
            </button>
          </div>
        </div>
      )}
      {result && (
        <div role="status" className="import-result">
          <p className="form-status">
            Imported {result.imported.length === 0 ? 'no host' : result.imported.map((h) => h.name).join(', ')}
            {result.imported.length > 0 && !trust ? '. Check each host key before running anything.' : '.'}
          </p>
          {result.skipped.length > 0 && (
            <ul aria-label="Skipped hosts" className="plain-list">
              {result.skipped.map((s) => (
                <li key={s.alias}>
                  Skipped {s.alias}: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
