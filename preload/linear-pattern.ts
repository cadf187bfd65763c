/**
 * The one way a pattern someone typed (or a repository's photon.yml declared) becomes a matcher.
 * JavaScript's RegExp backtracks: `(a+)+$` against thirty a's and a "!" takes minutes, and the
 * whole process stops answering meanwhile. RE2 (here its pure-JS port, re2js) matches in time
 * linear in the subject for every pattern it accepts; what it cannot do that way (back-references,
 * lookaround) is refused when the pattern is saved, with a message that says so.
 *
 * It lives in preload/ because both sides need the same engine and the same verdict: the core
 * checks on save, preview and run, the renderer checks while a value is typed.
 */
import { RE2JS, RE2JSException } from 're2js';

/** Longer patterns are refused: RE2 is linear in the subject, but compiling is linear in the pattern. */
export const MAX_PATTERN_LENGTH = 1000;
/**
 * RE2's time is linear in the subject times the compiled program: `(?:a?){999}` repeated is short
 * to write yet thousands of steps per character. A few hundred is what real patterns take
 * (`[a-z]{1,1000}` is about 2,000).
 */
export const MAX_PROGRAM_SIZE = 2_500;
/** Only this much of a subject is ever searched; a longer one is searched in its first part. */
export const MAX_SUBJECT_LENGTH = 64 * 1024;

export interface LinearPattern {
  readonly source: string;
  /** Whether the pattern matches (the whole subject when compiled `whole`, else anywhere in it). */
  test(subject: string): boolean;
}

export interface PatternOptions {
  /** The pattern must match the entire subject, as `^(?:…)$` would. */
  whole?: boolean;
  ignoreCase?: boolean;
}

export class PatternError extends Error {
  constructor(
    readonly source: string,
    /** Human words for what is wrong, e.g. "uses a back-reference (\\1), which is not supported; …". */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'PatternError';
  }
}

const LINEAR = 'patterns run in linear time, so they cannot look back at what they matched or ahead of it';

/**
 * Compiles `source` or throws a PatternError naming the construct that cannot be matched in linear
 * time, or the syntax error. Never returns a backtracking matcher.
 */
export function compilePattern(source: string, options: PatternOptions = {}): LinearPattern {
  if (source.length > MAX_PATTERN_LENGTH) throw new PatternError(source, `is longer than ${MAX_PATTERN_LENGTH} characters`);
  const unsupported = unsupportedConstruct(source);
  if (unsupported) throw new PatternError(source, `uses ${unsupported}, which is not supported; ${LINEAR}`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    throw new PatternError(source, `is not a valid regular expression: ${err.message.replace(/^error parsing regexp: /, '')}`);
  }
  const size = re.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    throw new PatternError(source, `is too complex: it compiles to ${size} steps per character, over the limit of ${MAX_PROGRAM_SIZE}; use smaller repetition counts`);
  }
  return {
    source,
    test: (subject) => {
      // A whole match cannot be judged on a part: a subject over the limit does not match.
      if (options.whole) return subject.length <= MAX_SUBJECT_LENGTH && re.matches(subject);
      return re.matcher(subject.length > MAX_SUBJECT_LENGTH ? subject.slice(0, MAX_SUBJECT_LENGTH) : subject).find();
    },
  };
}

/** Why `source` would be refused, or null when it compiles. For validation that collects problems. */
export function patternProblem(source: string, options: PatternOptions = {}): string | null {
  try {
    compilePattern(source, options);
    return null;
  } catch (err) {
    if (err instanceof PatternError) return err.reason;
    throw err;
  }
}

/**
 * Names the first back-reference or lookaround in `source`, outside character classes and
 * escapes. RE2 refuses these too, but with "invalid escape sequence" or "invalid named capture",
 * which does not tell anyone what to change.
 */
function unsupportedConstruct(source: string): string | null {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `a back-reference (\\${next})`;
      if (!inClass && next === 'k' && source[i + 2] === '<') return 'a named back-reference (\\k<…>)';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      // A "]" first in a class is a literal, not its end.
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
    } else if (c === '(' && source[i + 1] === '?') {
      const ahead = source.slice(i + 2, i + 4);
      if (ahead.startsWith('=')) return 'a lookahead ((?=…))';
      if (ahead.startsWith('!')) return 'a negative lookahead ((?!…))';
      if (ahead === '<=') return 'a lookbehind ((?<=…))';
      if (ahead === '<!') return 'a negative lookbehind ((?<!…))';
    }
  }
  return null;
}
