import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  fsConfigSource,
  importSshConfigFile,
  MAX_INCLUDE_DEPTH,
  memoryConfigSource,
  parseSshConfig,
  splitArguments,
  type SshConfigEnvironment,
  type SshConfigImport,
  type SshHostProfile,
} from '../../main/ssh/ssh-config-import.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { prng, sshResolve } from './host-key-test-utils.ts';

const HOME = '/home/ada';
const CONFIG = `${HOME}/.ssh/config`;
const env: SshConfigEnvironment = {
  homeDir: HOME,
  localUser: 'ada',
  localHostName: 'laptop.lan',
  uid: 1000,
  env: { KEYS: '/keys', EMPTY: '' },
};

function parse(text: string, files: Record<string, string> = {}): SshConfigImport {
  return parseSshConfig(text, { environment: env, file: CONFIG, source: memoryConfigSource(files) });
}
function host(r: SshConfigImport, alias: string): SshHostProfile {
  const h = r.hosts.find((x) => x.alias === alias);
  assert.ok(h, `no profile for ${alias}; have ${r.hosts.map((x) => x.alias).join(', ')}`);
  return h;
}
const messages = (r: SshConfigImport) => r.warnings.map((w) => `${w.file === CONFIG ? '' : `${w.file}:`}${w.line}: ${w.message}`);

describe('syntax', () => {
  test('keywords are case-insensitive; "k v", "k=v", "k = v" and tabs are the same line', () => {
    const r = parse(['HOST a', '\tHoStNaMe=a.example.com', '  user = deploy', 'PORT\t2222', '  IdentityFile  ~/.ssh/id_a'].join('\n'));
    assert.deepEqual(r.warnings, []);
    const a = host(r, 'a');
    assert.deepEqual([a.hostName, a.user, a.port, a.identityFiles], ['a.example.com', 'deploy', 2222, [`${HOME}/.ssh/id_a`]]);
  });

  test('quotes group, backslash escapes, "#" starts a comment only at the start of a word', () => {
    const r = parse(
      [
        '# a comment',
        '   # an indented comment',
        'Host a # trailing comment',
        '  IdentityFile "~/.ssh/my key" # why',
        "  IdentityFile '/keys/single quoted'",
        '  IdentityFile /keys/with\\ space',
        '  IdentityFile /keys/hash#inside',
        '  User "de"ploy',
      ].join('\n'),
    );
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(host(r, 'a').identityFiles, [`${HOME}/.ssh/my key`, '/keys/single quoted', '/keys/with space', '/keys/hash#inside']);
    assert.equal(host(r, 'a').user, 'deploy');
    assert.deepEqual(splitArguments(`a "b c" 'd "e"' f\\"g`), ['a', 'b c', 'd "e"', 'f"g']);
    assert.equal(splitArguments('"open'), null);
  });

  test('CRLF line endings, a BOM and blank lines are fine', () => {
    const r = parse('\uFEFFHost a\r\n\r\n  User bob\r\n  Port 2200\r\n');
    assert.deepEqual(r.warnings, []);
    assert.deepEqual([host(r, 'a').user, host(r, 'a').port], ['bob', 2200]);
  });

  test('an empty or comment-only config has no hosts and no warnings', () => {
    assert.deepEqual(parse(''), { hosts: [], warnings: [] });
    assert.deepEqual(parse('# nothing\n\n   \n'), { hosts: [], warnings: [] });
  });
});

describe('resolution, as ssh does it', () => {
  test('the first value obtained wins; wildcard blocks supply defaults in file order', () => {
    const r = parse(
      [
        'Host web1 web2 *.prod',
        '  HostName %h.example.com',
        '  User deploy',
        'Host *.prod',
        '  Port 2222',
        'Host web1',
        '  User other', // too late: deploy came first
        '  Port 2200',
        'Host *',
        '  User fallback',
        '  Port 22',
      ].join('\n'),
    );
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(
      r.hosts.map((h) => [h.alias, h.hostName, h.user, h.port]),
      [
        ['web1', 'web1.example.com', 'deploy', 2200],
        ['web2', 'web2.example.com', 'deploy', 22],
      ],
    );
  });

  test('a "Host *" block at the top overrides everything after it, as in ssh', () => {
    const r = parse(['Host *', '  User everyone', 'Host a', '  User specific'].join('\n'));
    assert.equal(host(r, 'a').user, 'everyone');
  });

  test('options before the first Host apply to every host', () => {
    const r = parse(['User global', 'Host a', '  Port 2', 'Host b'].join('\n'));
    assert.deepEqual([host(r, 'a').user, host(r, 'b').user, host(r, 'b').port], ['global', 'global', 22]);
  });

  test('wildcard-only and negated patterns make no profile; negation excludes a host from a block', () => {
    const r = parse(['Host *', '  Port 2000', 'Host *.corp !gw.corp', '  User corp', 'Host ?x', 'Host gw.corp db.corp'].join('\n'));
    assert.deepEqual(
      r.hosts.map((h) => h.alias),
      ['gw.corp', 'db.corp'],
    );
    assert.equal(host(r, 'gw.corp').user, null);
    assert.equal(host(r, 'db.corp').user, 'corp');
  });

  test('Host patterns are case-sensitive (as in ssh), HostName is lowercased (as in ssh)', () => {
    const r = parse(['Host Web', '  HostName Web.Example.COM', 'Host web', '  User lower'].join('\n'));
    assert.equal(host(r, 'Web').hostName, 'web.example.com');
    assert.equal(host(r, 'Web').user, null);
    assert.equal(host(r, 'web').user, 'lower');
    assert.equal(host(r, 'web').hostName, 'web');
  });

  test('an alias named in several blocks is one profile; IdentityFile accumulates in order without duplicates', () => {
    const r = parse(
      ['Host a', '  IdentityFile ~/.ssh/one', 'Host b a', '  IdentityFile ~/.ssh/two', '  IdentityFile ~/.ssh/one', 'Host *', '  IdentityFile ~/.ssh/three'].join('\n'),
    );
    assert.deepEqual(
      r.hosts.map((h) => h.alias),
      ['a', 'b'],
    );
    assert.deepEqual(host(r, 'a').identityFilesAsWritten, ['~/.ssh/one', '~/.ssh/two', '~/.ssh/three']);
    assert.deepEqual(host(r, 'a').source, { file: CONFIG, line: 1 });
    assert.deepEqual(host(r, 'b').identityFilesAsWritten, ['~/.ssh/two', '~/.ssh/one', '~/.ssh/three']);
  });

  test('a host whose own block can never apply is reported, and its options are ignored as ssh ignores them', () => {
    const r = parse(['Host web !web', '  User never'].join('\n'));
    assert.equal(host(r, 'web').user, null);
    assert.match(messages(r).join('\n'), /^1: Host web: its block never applies/m);
  });

  test('defaults when nothing is set: host name is the alias, port 22, no user, ssh\'s default keys', () => {
    const a = host(parse('Host plain'), 'plain');
    assert.deepEqual(
      { ...a, source: undefined },
      {
        alias: 'plain',
        hostName: 'plain',
        user: null,
        port: 22,
        identityFiles: [],
        identityFilesAsWritten: [],
        proxyJump: null,
        hostKeyAlias: null,
        userKnownHostsFiles: [],
        source: undefined,
        issues: [],
      },
    );
  });
});

describe('expansion', () => {
  test('~, %d %u %h %r %p %n %k %i %l %L %% and ${ENV} in IdentityFile and UserKnownHostsFile', () => {
    const r = parse(
      [
        'Host a',
        '  HostName A.example.com',
        '  User bob',
        '  Port 2022',
        '  HostKeyAlias a-key',
        '  IdentityFile ~/.ssh/%r@%h:%p',
        '  IdentityFile %d/keys/%u-%n-%k',
        '  IdentityFile /tmp/%i/%l/%L/100%%',
        '  IdentityFile ${KEYS}/a',
        '  UserKnownHostsFile ~/.ssh/kh_%n %d/kh2',
        'Host b',
        '  IdentityFile ~/.ssh/%r', // no User: %r is the local user, as in ssh
      ].join('\n'),
    );
    assert.deepEqual(r.warnings, []);
    const a = host(r, 'a');
    assert.deepEqual(a.identityFiles, [
      `${HOME}/.ssh/bob@a.example.com:2022`,
      `${HOME}/keys/ada-a-a-key`,
      '/tmp/1000/laptop.lan/laptop/100%',
      '/keys/a',
    ]);
    assert.deepEqual(a.userKnownHostsFiles, [`${HOME}/.ssh/kh_a`, `${HOME}/kh2`]);
    assert.equal(a.hostKeyAlias, 'a-key');
    assert.deepEqual(a.issues, []);
    assert.deepEqual(host(r, 'b').identityFiles, [`${HOME}/.ssh/ada`]);
  });

  test('unknown tokens, unset variables and ~user stay as written, each reported on the host', () => {
    const r = parse(['Host a', '  HostName %z.example', '  IdentityFile %C/key', '  IdentityFile ${NOPE}/key', '  IdentityFile ~bob/key', '  IdentityFile trailing%'].join('\n'));
    const a = host(r, 'a');
    assert.equal(a.hostName, '%z.example');
    assert.deepEqual(a.identityFiles, ['%C/key', '${NOPE}/key', '~bob/key', 'trailing%']);
    assert.deepEqual(
      a.issues.map((i) => i.keyword),
      ['HostName', 'IdentityFile', 'IdentityFile', 'IdentityFile', 'IdentityFile'],
    );
    assert.match(a.issues[2]!.message, /environment variable NOPE is not set/);
    assert.match(a.issues[3]!.message, /~user paths are not expanded/);
  });
});

describe('ProxyJump and ProxyCommand', () => {
  test('ProxyJump is kept as written and reported as not supported yet; "none" clears it', () => {
    const r = parse(['Host a', '  ProxyJump admin@bastion:2222,jump2', 'Host b', '  ProxyJump none', 'Host *', '  ProxyJump default-jump'].join('\n'));
    const a = host(r, 'a');
    assert.equal(a.proxyJump, 'admin@bastion:2222,jump2');
    assert.equal(a.issues.length, 1);
    assert.equal(a.issues[0]!.keyword, 'ProxyJump');
    assert.match(a.issues[0]!.message, /^ProxyJump admin@bastion:2222,jump2 is not supported yet/);
    assert.equal(host(r, 'b').proxyJump, null);
    assert.deepEqual(host(r, 'b').issues, []);
  });

  test('whichever of ProxyCommand and ProxyJump comes first wins, as in ssh', () => {
    const r = parse(['Host a', '  ProxyCommand ssh -W %h:%p gw', '  ProxyJump j1', 'Host b', '  ProxyJump j2', '  ProxyCommand nc %h %p'].join('\n'));
    assert.equal(host(r, 'a').proxyJump, null);
    assert.deepEqual(
      host(r, 'a').issues.map((i) => i.keyword),
      ['ProxyCommand'],
    );
    assert.equal(host(r, 'b').proxyJump, 'j2');
    assert.deepEqual(
      host(r, 'b').issues.map((i) => i.keyword),
      ['ProxyJump'],
    );
  });
});

describe('Include', () => {
  test('relative to ~/.ssh, ~/ and absolute; globs expand sorted; dot files are not matched', () => {
    const r = parse('Include config.d/*\nInclude ~/extra.conf /etc/ssh/photon.conf\nHost last', {
      [`${HOME}/.ssh/config.d/20-b`]: 'Host b\n  User bee',
      [`${HOME}/.ssh/config.d/10-a`]: 'Host a\n  User ay',
      [`${HOME}/.ssh/config.d/.hidden`]: 'Host hidden',
      [`${HOME}/extra.conf`]: 'Host extra',
      '/etc/ssh/photon.conf': 'Host abs',
    });
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(
      r.hosts.map((h) => [h.alias, h.source.file]),
      [
        ['a', `${HOME}/.ssh/config.d/10-a`],
        ['b', `${HOME}/.ssh/config.d/20-b`],
        ['extra', `${HOME}/extra.conf`],
        ['abs', '/etc/ssh/photon.conf'],
        ['last', CONFIG],
      ],
    );
    assert.equal(host(r, 'b').user, 'bee');
  });

  test('an Include inside a Host block applies to that host only, and its own Host lines never match other hosts (ssh semantics)', () => {
    const r = parse(['Host web', '  Include web.conf', 'Host inner', '  User outer-user'].join('\n'), {
      [`${HOME}/.ssh/web.conf`]: 'User from-include\nHost inner\n  Port 3333',
    });
    assert.equal(host(r, 'web').user, 'from-include');
    // For "ssh inner" the Include is read in parse-only mode: its Port never applies.
    assert.deepEqual([host(r, 'inner').user, host(r, 'inner').port], ['outer-user', 22]);
  });

  test('a host named only inside an Include under another host\'s block is listed, with a warning that its block never applies', () => {
    const r = parse(['Host web', '  Include web.conf'].join('\n'), { [`${HOME}/.ssh/web.conf`]: 'Host only-here\n  Port 3333' });
    assert.equal(host(r, 'only-here').port, 22);
    assert.deepEqual(messages(r), [
      `${HOME}/.ssh/web.conf:1: Host only-here: its block never applies to "ssh only-here" (negated, or under an Include of another host); options there are ignored, as ssh ignores them`,
    ]);
  });

  test('the includer\'s Host block resumes after the Include', () => {
    const r = parse(['Host a', '  Include x.conf', '  User after'].join('\n'), { [`${HOME}/.ssh/x.conf`]: 'Host b\n  Port 1' });
    assert.equal(host(r, 'a').user, 'after');
    assert.equal(host(r, 'b').port, 22);
  });

  test('a missing named file is a warning; a glob that matches nothing is silent (as in ssh)', () => {
    const r = parse('Include nothing-here.conf\nInclude conf.d/*.conf\nHost a');
    assert.deepEqual(messages(r), [`1: Include nothing-here.conf: ${HOME}/.ssh/nothing-here.conf does not exist (ssh skips it too)`]);
    assert.equal(r.hosts.length, 1);
  });

  test('Include loops are cut with a warning naming the cycle', () => {
    const top = 'Include a.conf\nHost top';
    const r = parse(top, {
      [CONFIG]: top,
      [`${HOME}/.ssh/a.conf`]: 'Include b.conf\nHost a',
      [`${HOME}/.ssh/b.conf`]: 'Include a.conf\nInclude config\nHost b',
    });
    assert.deepEqual(
      r.hosts.map((h) => h.alias),
      ['b', 'a', 'top'],
    );
    const w = messages(r);
    assert.equal(w.length, 2, w.join('\n'));
    assert.match(w[0]!, /Include loop: .*config → .*a\.conf → .*b\.conf → .*a\.conf; not followed/);
    assert.match(w[1]!, /Include loop: .*config → .*a\.conf → .*b\.conf → .*\.ssh\/config; not followed/);
  });

  test('a chain deeper than ssh\'s limit stops with a warning', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`${HOME}/.ssh/level${i}`] = `Include level${i + 1}\nHost h${i}`;
    const r = parse('Include level0', files);
    assert.equal(r.hosts.length, MAX_INCLUDE_DEPTH);
    assert.deepEqual(messages(r), [`${HOME}/.ssh/level${MAX_INCLUDE_DEPTH - 1}:1: Include nested deeper than ${MAX_INCLUDE_DEPTH} files (a loop?); not followed`]);
  });

  test('without a file source, Include is reported and not followed', () => {
    const r = parseSshConfig('Include x\nHost a', { environment: env });
    assert.equal(r.hosts.length, 1);
    assert.match(messages(r)[0]!, /Include is not followed here/);
  });
});

describe('Match', () => {
  test('Match blocks are skipped with a warning until the next Host; "Match all" applies to all', () => {
    const r = parse(
      ['Host a', '  User a-user', 'Match host a exec "true"', '  Port 1111', '  User match-user', 'Host b', '  Port 2222', 'Match all', '  IdentityFile ~/.ssh/all'].join('\n'),
    );
    assert.deepEqual([host(r, 'a').user, host(r, 'a').port], ['a-user', 22]);
    assert.equal(host(r, 'b').port, 2222);
    assert.deepEqual(host(r, 'a').identityFiles, [`${HOME}/.ssh/all`]);
    assert.deepEqual(host(r, 'b').identityFiles, [`${HOME}/.ssh/all`]);
    assert.deepEqual(messages(r), [
      '3: Match blocks are not supported: the options under "Match host a exec true" (until the next Host or Match) are not imported; `ssh -G <alias>` shows whether OpenSSH applies them',
    ]);
  });
});

describe('bad input never throws and is reported by file and line', () => {
  test('unknown keywords, missing values, bad ports, extra arguments, bad quotes', () => {
    const r = parse(
      [
        'Host a',
        '  Hostnmae typo.example', // 2
        '  User', // 3
        '  Port 99999', // 4
        '  Port twenty', // 5
        '  HostName one two', // 6
        '  IdentityFile "unterminated', // 7
        '  ServerAliveInterval 30', // known, ignored: no warning
        '  = value', // 9
        'Host', // 10
        '  User orphan', // under a broken Host line: applies to nobody
        'Host b',
        '  Port # only a comment', // 13
      ].join('\n'),
    );
    assert.deepEqual(messages(r), [
      '2: unknown keyword "Hostnmae" (ssh refuses the whole file over it: "Bad configuration option"); line skipped',
      '3: no value after "User"; line skipped',
      '4: bad port "99999" (1-65535); line skipped',
      '5: bad port "twenty" (1-65535); line skipped',
      '6: HostName takes one value, this line has 2; line skipped',
      '7: invalid quotes in IdentityFile; line skipped',
      '9: no keyword at the start of the line; line skipped',
      '10: Host without a pattern: nothing until the next Host or Match applies',
      '13: no value after "Port"; line skipped',
    ]);
    const a = host(r, 'a');
    assert.deepEqual([a.hostName, a.user, a.port], ['a', null, 22]);
    assert.equal(host(r, 'b').user, null);
  });

  test('a broken Host or Match line still ends the block before it: nothing leaks into the previous host', () => {
    const r = parse(['Host a', '  Port 1', 'Host "unterminated', '  User leak1', 'Match', '  User leak2', 'Host b'].join('\n'));
    assert.deepEqual([host(r, 'a').user, host(r, 'a').port], [null, 1]);
    assert.deepEqual(messages(r), [
      '3: invalid quotes in Host: nothing until the next Host or Match applies',
      '5: Match without criteria: nothing until the next Host or Match applies',
    ]);
  });

  test('IgnoreUnknown silences the keywords it names, as in ssh', () => {
    const r = parse('IgnoreUnknown UseKeychain,Add*\nHost a\n  UseKeychain yes\n  AddSomething 1\n  Other 2');
    assert.deepEqual(messages(r), ['5: unknown keyword "Other" (ssh refuses the whole file over it: "Bad configuration option"); line skipped']);
  });

  test('binary garbage: a file with NUL bytes is refused as a whole; stray control bytes per line', () => {
    const rand = prng(7);
    const garbage = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(rand() * 256))).toString('latin1');
    const r = parse(`Host a\n${garbage}\n`);
    assert.deepEqual(r.hosts, []);
    assert.deepEqual(messages(r), ['0: contains NUL bytes: a binary file, not an ssh config; not read']);

    const r2 = parse('Host a\n  User \u0007bell\nHost b\u001b[31m\n  Port 2');
    assert.deepEqual(
      r2.hosts.map((h) => h.alias),
      ['a'],
    );
    assert.deepEqual(messages(r2), ['2: unreadable characters (binary data?); line skipped', '3: unreadable characters (binary data?); line skipped']);
    // Binary include files are refused the same way, named by their own path.
    const r3 = parse('Include bin\nHost ok', { [`${HOME}/.ssh/bin`]: '\0\u0001\u0002' });
    assert.deepEqual(messages(r3), [`${HOME}/.ssh/bin:0: contains NUL bytes: a binary file, not an ssh config; not read`]);
  });

  test('warnings are capped, so a garbage file cannot produce an unbounded list', () => {
    const r = parse(Array.from({ length: 5000 }, (_, i) => `Bogus${i} x`).join('\n'));
    assert.equal(r.warnings.length, 201);
    assert.equal(r.warnings[200]!.message, '4800 more warnings not shown');
  });

  test('a file over 1 MiB is refused with a warning', () => {
    const r = parse(`Host a\n${'#'.repeat(1024 * 1024)}\n`);
    assert.deepEqual(r.hosts, []);
    assert.match(messages(r)[0]!, /^0: \d+ characters; a config over 1048576 bytes is not read$/);
  });

  test('a large real-looking config (5000 hosts, wildcard defaults) resolves every host', (t) => {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) lines.push(`Host node${i} node${i}.alias`, `  HostName 10.0.${i >> 8}.${i & 255}`, `  User u${i % 7}`);
    for (let i = 0; i < 20; i++) lines.push(`Host node${i}?`, '  Port 2222'); // node10-node19 and node0?-node9? patterns
    lines.push('Host *', '  IdentityFile ~/.ssh/id_ed25519');
    const started = performance.now();
    const r = parse(lines.join('\n'));
    const ms = performance.now() - started;
    assert.equal(r.hosts.length, 10_000);
    assert.deepEqual(r.warnings, []);
    assert.equal(host(r, 'node4999.alias').hostName, '10.0.19.135');
    assert.equal(host(r, 'node15').port, 2222);
    assert.equal(host(r, 'node300').port, 22);
    // A figure, not an assert: timings are noisy on shared machines; the bound is the work budget.
    t.diagnostic(`resolved in ${ms.toFixed(0)} ms`);
  });

  test('an adversarial config (many hosts × many wildcard blocks) stops at the work budget', (t) => {
    const lines: string[] = [];
    for (let i = 0; i < 9000; i++) lines.push(`Host h${i}`);
    for (let i = 0; i < 9000; i++) lines.push(`Host *${'?*'.repeat(5)}x${i}`, '  Port 2');
    const started = performance.now();
    const r = parse(lines.join('\n'));
    const ms = performance.now() - started;
    t.diagnostic(`stopped in ${ms.toFixed(0)} ms`);
    assert.ok(r.hosts.length > 0 && r.hosts.length < 9000);
    assert.match(r.warnings.at(-1)!.message, /too large to evaluate: \d+ hosts from h\d+ on are not imported/);
  });

  test('fuzz: random config-like text never throws and always yields well-formed results', () => {
    const words = ['Host', 'Match', 'Include', 'HostName', 'User', 'Port', 'IdentityFile', 'ProxyJump', 'ProxyCommand', 'IgnoreUnknown', '*', '!', '=', '"', "'", '\\', '#', '%h', '%', '~', '${X}', 'a', 'b', '22', '0', '\t', ' ', '\n', '\r\n', '\u0000', '\u00ff', 'all', '..', '/', 'config'];
    for (let seed = 1; seed <= 300; seed++) {
      const rand = prng(seed);
      const pick = () => words[Math.floor(rand() * words.length)]!;
      const text = Array.from({ length: 200 }, pick).join(rand() < 0.5 ? ' ' : '');
      const files = { [`${HOME}/.ssh/config`]: text, [`${HOME}/.ssh/a`]: Array.from({ length: 50 }, pick).join(' ') };
      let r: SshConfigImport;
      try {
        r = parse(text, files);
      } catch (err) {
        assert.fail(`seed ${seed} threw: ${String(err)}`);
      }
      for (const h of r.hosts) {
        assert.ok(Number.isInteger(h.port) && h.port >= 1 && h.port <= 65535, `seed ${seed}`);
        assert.ok(!/[*?]/.test(h.alias) && !h.alias.startsWith('!'), `seed ${seed}: ${h.alias}`);
      }
      for (const w of r.warnings) assert.ok(typeof w.message === 'string' && w.line >= 0, `seed ${seed}`);
    }
  });
});

describe('against OpenSSH itself (ssh -G) and the real file system', () => {
  const tmp = makeTempDir('photon-sshcfg-');
  after(() => tmp.cleanup());
  const localUser = os.userInfo().username;
  const realEnv: SshConfigEnvironment = { homeDir: os.homedir(), localUser, localHostName: os.hostname(), uid: process.getuid?.(), env: {} };

  /** Compares every alias's resolution with `ssh -G -F file alias`. */
  async function assertSameAsSsh(file: string): Promise<SshConfigImport> {
    const r = parseSshConfig(fs.readFileSync(file, 'utf8'), { environment: realEnv, file, source: fsConfigSource() });
    assert.ok(r.hosts.length > 0);
    for (const h of r.hosts) {
      const ssh = await sshResolve(file, h.alias);
      const one = (k: string) => ssh.get(k)?.[0];
      assert.equal(h.hostName, one('hostname'), `${h.alias}: hostname`);
      assert.equal(h.user ?? localUser, one('user'), `${h.alias}: user`);
      assert.equal(String(h.port), one('port'), `${h.alias}: port`);
      assert.equal(h.proxyJump, one('proxyjump') ?? null, `${h.alias}: proxyjump`);
      assert.equal(h.hostKeyAlias, one('hostkeyalias') ?? null, `${h.alias}: hostkeyalias`);
      // ssh -G prints IdentityFile as written (it expands at use), and its default list when none is set.
      if (h.identityFilesAsWritten.length > 0) assert.deepEqual(h.identityFilesAsWritten, ssh.get('identityfile'), `${h.alias}: identityfile`);
      if (h.userKnownHostsFiles.length > 0) assert.deepEqual(h.userKnownHostsFiles.join(' '), one('userknownhostsfile'), `${h.alias}: userknownhostsfile`);
    }
    return r;
  }

  test('first-wins, wildcards, negation, quoting, = syntax, ProxyJump/ProxyCommand order', async () => {
    const file = path.join(tmp.dir, 'config-basic');
    fs.writeFileSync(
      file,
      [
        'User=top-level',
        'Host web1 web2 *.prod',
        '  HostName %h.Example.com',
        '  IdentityFile ~/.ssh/id_%r_%h',
        '  IdentityFile "/keys/my key" # trailing',
        'Host *.prod !db.prod',
        '  Port 2222',
        'Host web1',
        '  Port = 2200',
        '  ProxyJump admin@bastion:22',
        'Host db.prod cache.prod',
        '  HostKeyAlias shared-key',
        '  ProxyCommand ssh -W %h:%p gw',
        '  ProxyJump ignored',
        '  UserKnownHostsFile /tmp/kh1 /tmp/kh2',
        'Host Mixed',
        '  HostName MiXeD.local',
        'Host *',
        '  IdentityFile %d/.ssh/default',
        '  User fallback',
      ].join('\n'),
    );
    const r = await assertSameAsSsh(file);
    assert.deepEqual(
      r.hosts.map((h) => h.alias),
      ['web1', 'web2', 'db.prod', 'cache.prod', 'Mixed'],
    );
  });

  test('Include with a glob on disk, inside and outside Host blocks', async () => {
    const dir = path.join(tmp.dir, 'conf.d');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '20-b.conf'), 'Host b\n  User bee\n  Port 2020\n');
    fs.writeFileSync(path.join(dir, '10-a.conf'), 'Host a b\n  User ay\n');
    fs.writeFileSync(path.join(dir, '.hidden.conf'), 'Host hidden\n');
    fs.mkdirSync(path.join(dir, 'sub.conf')); // a directory that the glob matches: not a file, skipped
    fs.writeFileSync(path.join(tmp.dir, 'scoped.conf'), 'User scoped\nHost inner\n  Port 3333\n');
    const file = path.join(tmp.dir, 'config-include');
    fs.writeFileSync(file, [`Include ${dir}/*.conf`, 'Host web', `  Include ${tmp.dir}/scoped.conf`, 'Host inner', '  User inner-user'].join('\n'));
    const r = await assertSameAsSsh(file);
    assert.deepEqual(
      r.hosts.map((h) => h.alias),
      ['a', 'b', 'web', 'inner'],
    );
    assert.deepEqual(r.warnings, []);
    assert.deepEqual([host(r, 'b').user, host(r, 'web').user, host(r, 'inner').port], ['ay', 'scoped', 22]);
  });

  test('importSshConfigFile reads from disk and reports an unreadable path instead of throwing', () => {
    const file = path.join(tmp.dir, 'config-import');
    fs.writeFileSync(file, 'Host disk\n  Port 2201\n');
    const r = importSshConfigFile(file, realEnv);
    assert.deepEqual(
      r.hosts.map((h) => [h.alias, h.port]),
      [['disk', 2201]],
    );
    const missing = importSshConfigFile(path.join(tmp.dir, 'nope'), realEnv);
    assert.deepEqual(missing, { hosts: [], warnings: [{ file: path.join(tmp.dir, 'nope'), line: 0, message: `${path.join(tmp.dir, 'nope')} does not exist` }] });
    const dir = importSshConfigFile(tmp.dir, realEnv);
    assert.match(dir.warnings[0]!.message, /is not a file/);
  });
});
