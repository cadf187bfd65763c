/**
 * JavaScript/TypeScript source with its comments blanked out: every character of a `//` or
 * `/* *\/` comment becomes a space (newlines stay), so offsets and line numbers still point into the
 * original text. Strings, template literals and regular expression literals are skipped over, so a
 * `//` inside 'http://…' or /\/\// is not taken for a comment. A lexer good enough for evidence, not
 * a parser: `// app.use(helmet())` must not count as applying helmet.
 */
export function stripComments(text: string): string {
  if (!text.includes('/')) return text;
  // Comment ranges, collected and blanked once at the end.
  const ranges: Array<[number, number]> = [];
  const blank = (from: number, to: number) => ranges.push([from, to]);
  let prev = ''; // the last significant (non-space) character of code, to tell a regex from a division
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      i = skipQuoted(text, i, ch);
      prev = ch;
    } else if (ch === '/' && regexCanStart(text, i, prev)) {
      i = skipRegex(text, i);
      prev = '/';
    } else {
      if (!/\s/.test(ch)) prev = ch;
      i++;
    }
  }
  if (ranges.length === 0) return text;
  let result = '';
  let at = 0;
  for (const [from, to] of ranges) {
    result += text.slice(at, from) + text.slice(from, to).replace(/[^\n]/g, ' ');
    at = to;
  }
  return result + text.slice(at);
}

function skipQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    // An unterminated '…' or "…" ends at the line; a template literal may span lines.
    else if (c === '\n' && quote !== '`') return i;
    else i++;
  }
  return i;
}

function skipRegex(text: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') i += 2;
    else if (c === '\n') return i;
    else if (inClass) {
      if (c === ']') inClass = false;
      i++;
    } else if (c === '[') {
      inClass = true;
      i++;
    } else if (c === '/') return i + 1;
    else i++;
  }
  return i;
}

const REGEX_AFTER_WORD = /\b(?:return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/;

function regexCanStart(text: string, i: number, prev: string): boolean {
  if (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev)) return true;
  if (/[\w$]/.test(prev)) return REGEX_AFTER_WORD.test(text.slice(Math.max(0, i - 12), i).trimEnd());
  return false;
}
