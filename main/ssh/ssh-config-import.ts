import os from 'node:os';
import path from 'node:path';
import { fsConfigSource, MAX_CONFIG_FILE_BYTES, type SshConfigFileSource } from './ssh-config-source.ts';
import { wildcardMatch } from '../core/wildcard-match.ts';

/**
 * Reads an OpenSSH client config (~/.ssh/config) into one profile per concrete Host alias, resolved
 * the way `ssh <alias>` resolves it: every matching block applies in file order and the first value
 * obtained for an option wins (IdentityFile accumulates). Includes are followed, Match blocks are
 * skipped with a warning. Nothing here throws on bad input: problems become warnings, because ssh
 * itself refuses a whole file over one bad line and an importer should still show what it could read.
 *
 * Differences from ssh, each reported rather than silent: Match blocks (other than `Match all`) are
 * not evaluated, a bad line is skipped instead of failing the file, `~user` paths and unknown %-tokens
 * are left as written. `ssh -G <alias>` prints what OpenSSH itself resolves.
 */

export interface SshConfigWarning {
  /** The config file the problem is in (as resolved, e.g. "/home/me/.ssh/config.d/work"). */
  file: string;
  /** 1-based; 0 for a problem with the file as a whole. */
  line: number;
  message: string;
}

/** Something in a host's resolved config that Photon cannot honour (yet); shown, never dropped. */
export interface SshHostIssue {
  keyword: string;
  message: string;
}

export interface SshHostProfile {
  /** The name after `Host`, what a person types after `ssh`. */
  alias: string;
  /** HostName with %h expanded and lowercased as ssh does; the alias (lowercased) when not set. */
  hostName: string;
  /** null when the config sets none: ssh would then log in as the local user. */
  user: string | null;
  /** 22 unless Port is set. */
  port: number;
  /** IdentityFile entries in order, ~ and %-tokens expanded; empty means ssh's default key files. */
  identityFiles: string[];
  /** The same entries as written in the config, for display. */
  identityFilesAsWritten: string[];
  /** As written ("user@jump:2222,other"); null when unset or `none`. Not supported yet: see issues. */
  proxyJump: string | null;
  /** HostKeyAlias: the name known_hosts is searched under instead of hostName (bare, without [ ]:port). */
  hostKeyAlias: string | null;
  /** UserKnownHostsFile, expanded; empty means ssh's defaults (~/.ssh/known_hosts, known_hosts2). */
  userKnownHostsFiles: string[];
  /** The first Host line that names this alias. */
  source: { file: string; line: number };
  issues: SshHostIssue[];
}

export interface SshConfigImport {
  hosts: SshHostProfile[];
  warnings: SshConfigWarning[];
}

/** What ssh takes from the local machine when it expands `~` and %-tokens. */
export interface SshConfigEnvironment {
  /** ~ and %d. */
  homeDir: string;
  /** %u; also what %r expands to when no User is set. */
  localUser: string;
  /** %l (and %L, up to the first dot); those tokens stay unexpanded without it. */
  localHostName?: string;
  /** %i. */
  uid?: number;
  /** For ${NAME} in IdentityFile and UserKnownHostsFile. */
  env?: Readonly<Record<string, string | undefined>>;
}

export { fsConfigSource, memoryConfigSource, MAX_CONFIG_FILE_BYTES, type SshConfigFileSource } from './ssh-config-source.ts';

export interface ParseSshConfigOptions {
  environment: SshConfigEnvironment;
  /** The name warnings use for `text`, and the file Include cycles are detected against. Default ~/.ssh/config. */
  file?: string;
  /** Without one, Include lines are reported and not followed. */
  source?: SshConfigFileSource;
}

/** ssh's own limit (READCONF_MAX_DEPTH); a deeper chain is almost certainly a loop. */
export const MAX_INCLUDE_DEPTH = 16;
const MAX_FILES = 256;
const MAX_HOSTS = 10_000;
const MAX_WARNINGS = 200;
/** ssh's SSH_MAX_IDENTITY_FILES. */
const MAX_IDENTITY_FILES = 100;
/** Bounds the per-alias evaluation (aliases × wildcard blocks) of an adversarial file. */
const WORK_BUDGET = 5_000_000;

// ---------------------------------------------------------------------------------------------
// Public entry points

export function parseSshConfig(text: string, options: ParseSshConfigOptions): SshConfigImport {
  const file = options.file ?? path.posix.join(options.environment.homeDir, '.ssh', 'config');
  const parser = new Parser(options);
  parser.loadText(file, text, 0, EMPTY_GUARD, [file]);
  return { hosts: resolveHosts(parser), warnings: parser.warnings.list() };
}

/**
 * Reads `file` (default ~/.ssh/config) and its Includes from disk. Synchronous: a handful of small
 * files, read once when a person asks for an import.
 */
export function importSshConfigFile(file?: string, environment: SshConfigEnvironment = localSshEnvironment()): SshConfigImport {
  const source = fsConfigSource();
  const target = file ?? path.posix.join(environment.homeDir, '.ssh', 'config');
  const read = source.read(target);
  if ('error' in read) return { hosts: [], warnings: [{ file: target, line: 0, message: read.error }] };
  return parseSshConfig(read.text, { environment, file: target, source });
}

export function localSshEnvironment(): SshConfigEnvironment {
  let localUser = process.env.USER ?? '';
  try {
    localUser = os.userInfo().username;
  } catch {
    // no passwd entry (containers): fall back to $USER
  }
  return { homeDir: os.homedir(), localUser, localHostName: os.hostname(), uid: process.getuid?.(), env: process.env };
}

// ---------------------------------------------------------------------------------------------
// Lines → items

/** A Host or Match line: the condition that options after it (in the same file) depend on. */
type Header =
  | { kind: 'host'; patterns: string[]; literal: string[] | null }
  | { kind: 'match-all' }
  /** An unsupported Match, or a Host line too broken to evaluate: nothing under it applies. */
  | { kind: 'never' };

/** Every header on the way to an option (Include lines nest them); all must match. */
type Guard = readonly Header[];
const EMPTY_GUARD: Guard = Object.freeze([]);

interface OptionItem {
  keyword: TrackedKeyword;
  /** The parsed value: one argument, or several for UserKnownHostsFile, or the raw rest for ProxyCommand. */
  values: string[];
  file: string;
  line: number;
}

/** Consecutive options under the same guard: evaluated together. */
interface Block {
  guard: Guard;
  items: OptionItem[];
}

const TRACKED = ['hostname', 'user', 'port', 'identityfile', 'proxyjump', 'proxycommand', 'hostkeyalias', 'userknownhostsfile'] as const;
type TrackedKeyword = (typeof TRACKED)[number];

/** Every other keyword ssh_config(5) of OpenSSH 9 accepts, plus deprecated ones it still tolerates. */
const OTHER_KNOWN = new Set(
  [
    'addkeystoagent addressfamily batchmode bindaddress bindinterface canonicaldomains canonicalizefallbacklocal',
    'canonicalizehostname canonicalizemaxdots canonicalizepermittedcnames casignaturealgorithms certificatefile',
    'checkhostip ciphers clearallforwardings compression connectionattempts connecttimeout controlmaster',
    'controlpath controlpersist dynamicforward enableescapecommandline enablesshkeysign escapechar',
    'exitonforwardfailure fingerprinthash forkafterauthentication forwardagent forwardx11 forwardx11timeout',
    'forwardx11trusted gatewayports globalknownhostsfile gssapiauthentication gssapiclientidentity',
    'gssapidelegatecredentials gssapikeyexchange gssapirenewalforcesrekey gssapiserveridentity gssapitrustdns',
    'gssapikexalgorithms hashknownhosts hostbasedacceptedalgorithms hostbasedauthentication hostkeyalgorithms',
    'identitiesonly identityagent ipqos kbdinteractiveauthentication kbdinteractivedevices kexalgorithms',
    'knownhostscommand localcommand localforward loglevel logverbose macs nohostauthenticationforlocalhost',
    'numberofpasswordprompts passwordauthentication permitlocalcommand permitremoteopen pkcs11provider',
    'preferredauthentications proxyusefdpass pubkeyacceptedalgorithms pubkeyauthentication rekeylimit',
    'remotecommand remoteforward requesttty requiredrsasize revokedhostkeys securitykeyprovider sendenv',
    'serveralivecountmax serveraliveinterval sessiontype setenv stdinnull streamlocalbindmask',
    'streamlocalbindunlink stricthostkeychecking syslogfacility tcpkeepalive tunnel tunneldevice',
    'updatehostkeys userknownhostsfile verifyhostkeydns visualhostkey xauthlocation',
    // aliases and deprecated names OpenSSH still parses
    'pubkeyacceptedkeytypes hostbasedkeytypes challengeresponseauthentication skeyauthentication',
    'tisauthentication dsaauthentication rsaauthentication rhostsrsaauthentication rhostsauthentication',
    'protocol cipher useroaming usersh fallbacktorsh uselogin compressionlevel keepalive identityfile2',
    'globalknownhostsfile2 userknownhostsfile2 useprivilegedport pubkeyacceptedalgorithms afstokenpassing',
    'kerberosauthentication kerberostgtpassing smartcarddevice gssapiclientidentity',
  ]
    .join(' ')
    .split(' '),
);

/** What a single line says, before any alias is considered. */
type LineResult =
  | { kind: 'skip' }
  | { kind: 'header'; header: Header }
  | { kind: 'include'; patterns: string[] }
  | { kind: 'option'; keyword: TrackedKeyword; values: string[] };

class WarningList {
  private readonly items: SshConfigWarning[] = [];
  private dropped = 0;
  add(file: string, line: number, message: string): void {
    if (this.items.length < MAX_WARNINGS) this.items.push({ file, line, message: printable(message) });
    else this.dropped++;
  }
  list(): SshConfigWarning[] {
    if (this.dropped === 0) return [...this.items];
    return [...this.items, { file: '', line: 0, message: `${this.dropped} more warnings not shown` }];
  }
}

class Parser {
  readonly warnings = new WarningList();
  readonly blocks: Block[] = [];
  /** Concrete aliases in order of first appearance: the Host line that first named them, and the guards of every Host line naming them. */
  readonly aliases = new Map<string, { source: { file: string; line: number }; guards: Guard[] }>();
  private ignoreUnknown: string[] | null = null;
  private filesRead = 0;

  constructor(readonly options: ParseSshConfigOptions) {}

  loadText(file: string, text: string, depth: number, outer: Guard, stack: string[]): void {
    if (++this.filesRead > MAX_FILES) {
      if (this.filesRead === MAX_FILES + 1) this.warnings.add(file, 0, `more than ${MAX_FILES} config files; the rest are not read`);
      return;
    }
    if (text.length > MAX_CONFIG_FILE_BYTES) {
      this.warnings.add(file, 0, `${text.length} characters; a config over ${MAX_CONFIG_FILE_BYTES} bytes is not read`);
      return;
    }
    if (text.includes('\0')) {
      this.warnings.add(file, 0, 'contains NUL bytes: a binary file, not an ssh config; not read');
      return;
    }
    let guard = outer;
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const lineNo = i + 1;
      const result = this.parseLine(file, lineNo, lines[i]!);
      switch (result.kind) {
        case 'skip':
          break;
        case 'header':
          guard = [...outer, result.header];
          this.registerAliases(result.header, guard, file, lineNo);
          break;
        case 'include':
          this.include(file, lineNo, result.patterns, depth, guard, stack);
          break;
        case 'option':
          this.addOption(guard, { keyword: result.keyword, values: result.values, file, line: lineNo });
          break;
      }
    }
  }

  private registerAliases(header: Header, guard: Guard, file: string, line: number): void {
    if (header.kind !== 'host') return;
    for (const alias of header.patterns) {
      if (alias.startsWith('!') || /[*?]/.test(alias)) continue;
      const known = this.aliases.get(alias);
      if (known) known.guards.push(guard);
      else this.aliases.set(alias, { source: { file, line }, guards: [guard] });
    }
  }

  private addOption(guard: Guard, item: OptionItem): void {
    const last = this.blocks[this.blocks.length - 1];
    if (last && last.guard === guard) last.items.push(item);
    else this.blocks.push({ guard, items: [item] });
  }

  private parseLine(file: string, line: number, raw: string): LineResult {
    const warn = (message: string): LineResult => {
      this.warnings.add(file, line, message);
      return { kind: 'skip' };
    };
    // ssh strips trailing whitespace, \r and form feeds.
    const text = raw.replace(/[ \t\r\n\f]+$/, '').replace(/^[ \t\r\n]+/, '');
    if (text === '' || text.startsWith('#')) return { kind: 'skip' };
    // Bytes no config contains: a binary or mis-encoded file. Reported, never interpreted.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/.test(text)) return warn('unreadable characters (binary data?); line skipped');

    const split = splitKeyword(text);
    if (split === null) return warn('invalid quotes; line skipped');
    const keyword = split.keyword.toLowerCase();
    if (keyword === '') return warn('no keyword at the start of the line; line skipped');
    const args = splitArguments(split.rest);
    // A broken Host or Match line still ends the block before it: the options under it must not
    // fall into the previous host's block.
    if (keyword === 'host' || keyword === 'match') {
      if (args === null) {
        this.warnings.add(file, line, `invalid quotes in ${split.keyword}: nothing until the next Host or Match applies`);
        return { kind: 'header', header: { kind: 'never' } };
      }
      return { kind: 'header', header: keyword === 'host' ? this.hostHeader(file, line, args) : this.matchHeader(file, line, args) };
    }
    if (split.rest === '') return warn(`no value after "${split.keyword}"; line skipped`);
    if (args === null) return warn(`invalid quotes in ${split.keyword}; line skipped`);

    switch (keyword) {
      case 'include':
        return args.length === 0 ? warn('Include without a file; line skipped') : { kind: 'include', patterns: args };
      case 'ignoreunknown':
        this.ignoreUnknown ??= args.join(',').toLowerCase().split(',');
        return { kind: 'skip' };
      case 'proxycommand':
        // ssh passes the rest of the line to the shell as written, quotes included.
        return { kind: 'option', keyword, values: [split.rest] };
      case 'userknownhostsfile':
        if (args.length === 0 || args.some((a) => a === '')) return warn(`${split.keyword} needs file names; line skipped`);
        return { kind: 'option', keyword, values: args };
      default:
        break;
    }
    if ((TRACKED as readonly string[]).includes(keyword)) {
      const k = keyword as TrackedKeyword;
      if (args.length === 0 || args[0] === '') return warn(`no value after "${split.keyword}"; line skipped`);
      if (args.length > 1) return warn(`${split.keyword} takes one value, this line has ${args.length}; line skipped`);
      const value = args[0]!;
      if (k === 'port' && parsePort(value) === null) return warn(`bad port "${value}" (1-65535); line skipped`);
      return { kind: 'option', keyword: k, values: [value] };
    }
    if (OTHER_KNOWN.has(keyword)) return { kind: 'skip' };
    if (this.ignoreUnknown?.some((p) => wildcardMatch(keyword, p))) return { kind: 'skip' };
    return warn(`unknown keyword "${split.keyword}" (ssh refuses the whole file over it: "Bad configuration option"); line skipped`);
  }

  private hostHeader(file: string, line: number, args: string[]): Header {
    const patterns = args.filter((a) => a !== '');
    if (patterns.length === 0) {
      this.warnings.add(file, line, 'Host without a pattern: nothing until the next Host or Match applies');
      return { kind: 'never' };
    }
    if (patterns.length < args.length) this.warnings.add(file, line, 'Host with an empty pattern; the empty one is ignored');
    const concrete = patterns.filter((p) => !p.startsWith('!') && !/[*?]/.test(p));
    return { kind: 'host', patterns, literal: concrete.length === patterns.length ? concrete : null };
  }

  private matchHeader(file: string, line: number, args: string[]): Header {
    if (args.length === 1 && args[0]!.toLowerCase() === 'all') return { kind: 'match-all' };
    if (args.length === 0) {
      this.warnings.add(file, line, 'Match without criteria: nothing until the next Host or Match applies');
      return { kind: 'never' };
    }
    this.warnings.add(
      file,
      line,
      `Match blocks are not supported: the options under "Match ${args.join(' ')}" (until the next Host or Match) are not imported; ` +
        '`ssh -G <alias>` shows whether OpenSSH applies them',
    );
    return { kind: 'never' };
  }

  private include(file: string, line: number, patterns: string[], depth: number, guard: Guard, stack: string[]): void {
    const source = this.options.source;
    if (!source) {
      this.warnings.add(file, line, 'Include is not followed here (no file access); its hosts are missing');
      return;
    }
    if (depth + 1 > MAX_INCLUDE_DEPTH) {
      this.warnings.add(file, line, `Include nested deeper than ${MAX_INCLUDE_DEPTH} files (a loop?); not followed`);
      return;
    }
    const env = this.options.environment;
    for (const pattern of patterns) {
      let full: string;
      if (pattern === '~' || pattern.startsWith('~/')) full = path.posix.join(env.homeDir, pattern.slice(1));
      else if (pattern.startsWith('~')) {
        this.warnings.add(file, line, `Include ${pattern}: ~user paths are not supported; not followed`);
        continue;
      } else if (pattern.startsWith('/')) full = pattern;
      // ssh anchors a relative Include of a user config in ~/.ssh, not in the including file's directory.
      else full = path.posix.join(env.homeDir, '.ssh', pattern);
      const found = source.glob(full);
      if ('error' in found) {
        this.warnings.add(file, line, `Include ${pattern}: ${found.error}`);
        continue;
      }
      // No match is not an error for ssh (a conf.d that is still empty); a named file that is missing is worth a word.
      if (found.paths.length === 0 && !/[*?[]/.test(pattern)) this.warnings.add(file, line, `Include ${pattern}: ${full} does not exist (ssh skips it too)`);
      for (const target of found.paths) {
        if (stack.includes(target)) {
          this.warnings.add(file, line, `Include loop: ${[...stack, target].join(' → ')}; not followed`);
          continue;
        }
        const read = source.read(target);
        if ('error' in read) {
          this.warnings.add(file, line, `Include ${pattern}: ${read.error}`);
          continue;
        }
        this.loadText(target, read.text, depth + 1, guard, [...stack, target]);
      }
    }
  }
}

/**
 * ssh's keyword split (strdelim): the keyword ends at whitespace, a quote or "="; then whitespace,
 * at most one "=", whitespace. "Port 22", "Port=22" and "Port = 22" are the same line.
 */
function splitKeyword(text: string): { keyword: string; rest: string } | null {
  const m = /^([^ \t"=]*)/.exec(text)!;
  const keyword = m[1]!;
  let rest = text.slice(keyword.length);
  if (rest.startsWith('"')) return null; // a quoted keyword: nothing legitimate looks like this
  rest = rest.replace(/^[ \t]*/, '');
  if (rest.startsWith('=')) rest = rest.slice(1).replace(/^[ \t]*/, '');
  return { keyword, rest };
}

/**
 * ssh's argv_split: whitespace-separated, "double" and 'single' quotes group, backslash escapes a
 * quote, a backslash, or (outside quotes) a space; "#" at the start of an argument ends the line.
 * Returns null for an unterminated quote.
 */
export function splitArguments(s: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break;
    let arg = '';
    let quote = '';
    for (; i < s.length; i++) {
      const ch = s[i]!;
      const next = s[i + 1];
      if (ch === '\\' && (next === "'" || next === '"' || next === '\\' || (quote === '' && next === ' '))) {
        arg += next;
        i++;
      } else if (quote === '' && (ch === ' ' || ch === '\t')) break;
      else if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
      else if (quote !== '' && ch === quote) quote = '';
      else arg += ch;
    }
    if (quote !== '') return null;
    out.push(arg);
  }
  return out;
}

function parsePort(value: string): number | null {
  if (!/^\d{1,5}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= 65535 ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Items → profiles

interface Resolved {
  hostname?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  jump?: string;
  proxyCommand?: string;
  hostKeyAlias?: string;
  knownHostsFiles?: string[];
}

function resolveHosts(parser: Parser): SshHostProfile[] {
  // Blocks under a Host line that names only literal aliases can only apply to those aliases; the
  // rest (wildcards, negations, Match all, no header) are candidates for every alias.
  const general: number[] = [];
  const byAlias = new Map<string, number[]>();
  parser.blocks.forEach((block, index) => {
    const literal = [...block.guard].reverse().find((h): h is Extract<Header, { kind: 'host' }> => h.kind === 'host' && h.literal !== null);
    if (block.guard.some((h) => h.kind === 'never')) return; // can never apply
    if (!literal) return general.push(index);
    for (const alias of new Set(literal.literal)) {
      const list = byAlias.get(alias);
      if (list) list.push(index);
      else byAlias.set(alias, [index]);
    }
  });

  const hosts: SshHostProfile[] = [];
  let work = 0;
  let count = 0;
  for (const [alias, { source, guards }] of parser.aliases) {
    if (++count > MAX_HOSTS || work > WORK_BUDGET) {
      const why = count > MAX_HOSTS ? `more than ${MAX_HOSTS} hosts` : 'the config is too large to evaluate';
      parser.warnings.add(source.file, source.line, `${why}: ${parser.aliases.size - count + 1} hosts from ${alias} on are not imported`);
      break;
    }
    const own = byAlias.get(alias) ?? [];
    const candidates = mergeSorted(general, own);
    work += candidates.length;
    const cache = new Map<Header, boolean>();
    const matches = (h: Header) => {
      let m = cache.get(h);
      if (m === undefined) {
        m = headerMatches(h, alias);
        cache.set(h, m);
      }
      return m;
    };
    const r: Resolved = { identityFiles: [] };
    const issues: SshHostIssue[] = [];
    for (const index of candidates) {
      const block = parser.blocks[index]!;
      if (!block.guard.every(matches)) continue;
      for (const item of block.items) applyOption(r, item, issues);
    }
    // A Host line naming the alias that never applies (e.g. "Host web !web", or inside an Include
    // under another host's block): ssh would not use its options either.
    if (!guards.some((g) => g.every(matches))) {
      parser.warnings.add(source.file, source.line, `Host ${alias}: its block never applies to "ssh ${alias}" (negated, or under an Include of another host); options there are ignored, as ssh ignores them`);
    }
    hosts.push(buildProfile(alias, source, r, issues, parser.options.environment));
  }
  return hosts;
}

function applyOption(r: Resolved, item: OptionItem, issues: SshHostIssue[]): void {
  const v = item.values[0]!;
  switch (item.keyword) {
    case 'hostname':
      r.hostname ??= v;
      break;
    case 'user':
      r.user ??= v;
      break;
    case 'port':
      r.port ??= parsePort(v)!;
      break;
    case 'identityfile':
      if (r.identityFiles.includes(v)) break; // ssh ignores duplicates
      if (r.identityFiles.length >= MAX_IDENTITY_FILES) {
        if (!issues.some((i) => i.keyword === 'IdentityFile'))
          issues.push({ keyword: 'IdentityFile', message: `more than ${MAX_IDENTITY_FILES} identity files; the rest are ignored (ssh refuses this)` });
        break;
      }
      r.identityFiles.push(v);
      break;
    // ProxyJump and ProxyCommand exclude each other: whichever comes first wins.
    case 'proxyjump':
      if (r.jump === undefined && r.proxyCommand === undefined) r.jump = v;
      break;
    case 'proxycommand':
      if (r.jump === undefined && r.proxyCommand === undefined) r.proxyCommand = v;
      break;
    case 'hostkeyalias':
      r.hostKeyAlias ??= v;
      break;
    case 'userknownhostsfile':
      r.knownHostsFiles ??= item.values;
      break;
  }
}

function buildProfile(
  alias: string,
  source: { file: string; line: number },
  r: Resolved,
  issues: SshHostIssue[],
  env: SshConfigEnvironment,
): SshHostProfile {
  const issue = (keyword: string, message: string) => issues.push({ keyword, message: printable(message) });
  const hostExpansion = expandTokens(r.hostname ?? '%h', { '%': '%', h: alias });
  if (hostExpansion.unknown.length > 0) issue('HostName', `HostName ${r.hostname}: ${unknownTokensText(hostExpansion.unknown)}`);
  const hostName = hostExpansion.text.toLowerCase();
  const port = r.port ?? 22;
  const remoteUser = r.user ?? env.localUser;
  const tokens: Record<string, string | undefined> = {
    '%': '%',
    d: env.homeDir,
    h: hostName,
    i: env.uid === undefined ? undefined : String(env.uid),
    k: r.hostKeyAlias ?? alias,
    L: env.localHostName?.split('.')[0],
    l: env.localHostName,
    n: alias,
    p: String(port),
    r: remoteUser,
    u: env.localUser,
  };
  const expandPath = (keyword: string, written: string): string => {
    let p = written;
    if (p === '~' || p.startsWith('~/')) p = env.homeDir + p.slice(1);
    else if (p.startsWith('~')) issue(keyword, `${written}: ~user paths are not expanded`);
    const t = expandTokens(p, tokens);
    if (t.unknown.length > 0) issue(keyword, `${written}: ${unknownTokensText(t.unknown)}`);
    const e = expandEnv(t.text, env.env ?? {});
    if (e.missing.length > 0) issue(keyword, `${written}: environment variable ${e.missing.join(', ')} is not set; left as written`);
    return e.text;
  };

  const knownHostsFiles = r.knownHostsFiles && !(r.knownHostsFiles.length === 1 && r.knownHostsFiles[0]!.toLowerCase() === 'none') ? r.knownHostsFiles : [];
  const jump = r.jump !== undefined && r.jump.toLowerCase() !== 'none' ? r.jump : null;
  if (jump !== null) {
    issue('ProxyJump', `ProxyJump ${jump} is not supported yet: Photon cannot connect through a jump host, and a direct connection to ${hostName} may fail or reach a different machine`);
  }
  if (r.proxyCommand !== undefined && r.proxyCommand.toLowerCase() !== 'none') {
    issue('ProxyCommand', `ProxyCommand is not supported: Photon would connect to ${hostName}:${port} directly, which may fail`);
  }
  return {
    alias,
    hostName,
    user: r.user ?? null,
    port,
    identityFiles: r.identityFiles.map((f) => expandPath('IdentityFile', f)),
    identityFilesAsWritten: [...r.identityFiles],
    proxyJump: jump,
    hostKeyAlias: r.hostKeyAlias ?? null,
    userKnownHostsFiles: knownHostsFiles.map((f) => expandPath('UserKnownHostsFile', f)),
    source,
    issues,
  };
}

function unknownTokensText(tokens: string[]): string {
  return `${tokens.map((t) => `%${t}`).join(', ')} not expanded (ssh would refuse an unknown token)`;
}

/** ssh's percent_expand: %x from `tokens`; unknown (or unavailable) tokens stay as written and are listed. */
function expandTokens(text: string, tokens: Readonly<Record<string, string | undefined>>): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const out = text.replace(/%(.?)/gs, (whole, key: string) => {
    const value = Object.hasOwn(tokens, key) ? tokens[key] : undefined;
    if (value !== undefined) return value;
    unknown.push(key === '' ? '(end of value)' : key);
    return whole;
  });
  return { text: out, unknown };
}

/** ${NAME} from the environment, as ssh does for paths since OpenSSH 8.4. */
function expandEnv(text: string, env: Readonly<Record<string, string | undefined>>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (value !== undefined) return value;
    missing.push(name);
    return whole;
  });
  return { text: out, missing };
}

function headerMatches(h: Header, alias: string): boolean {
  switch (h.kind) {
    case 'match-all':
      return true;
    case 'never':
      return false;
    case 'host': {
      // ssh's Host rule: some positive pattern matches and no negated one does (case-sensitive).
      let positive = false;
      for (const p of h.patterns) {
        if (p.startsWith('!')) {
          if (wildcardMatch(alias, p.slice(1))) return false;
        } else if (!positive && wildcardMatch(alias, p)) positive = true;
      }
      return positive;
    }
  }
}

function mergeSorted(a: number[], b: number[]): number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out.push(a[i++]!);
    else if (i >= a.length || b[j]! < a[i]!) out.push(b[j++]!);
    else {
      out.push(a[i++]!);
      j++;
    }
  }
  return out;
}

/** Keeps a hostile file's control characters out of messages a UI will render. */
function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 500 ? `${clean.slice(0, 500)}…` : clean;
}
