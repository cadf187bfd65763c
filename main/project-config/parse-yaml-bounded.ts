import { isAlias, isCollection, isPair, Lexer, LineCounter, Parser, parseDocument, type CST, type Document } from 'yaml';
import type { ConfigProblem } from '../../preload/contract.ts';
import { CONFIG } from '../core/config.ts';

export type BoundedYaml = { ok: true; doc: Document; lines: LineCounter; value: unknown } | { ok: false; problems: ConfigProblem[] };

interface Limits {
  maxAliasCount: number;
  maxDepth: number;
}

/**
 * Parses YAML a repository wrote, with limits: nesting depth, alias expansion (a "billion laughs"
 * file) and the parser's own errors all end as problems with file, line and column, never as a
 * throw. The size is capped where the file is read.
 */
export function parseYamlBounded(text: string, file: string, limits: Limits = CONFIG.yaml): BoundedYaml {
  const lines = new LineCounter();
  const at = (offset: number, message: string): ConfigProblem => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col, message };
  };
  // Nesting first, on yaml's concrete syntax tree (built without recursion), before the composer
  // recurses into it: "- - - …" or "[[[[…" thousands deep overflows its stack or costs it seconds.
  // Flow brackets are counted by the lexer, which can stop at the first one too deep.
  const deepAt = deepFlowOffset(text, limits.maxDepth) ?? deepNestingOffset(text, limits.maxDepth);
  if (deepAt !== null) {
    const counter = new LineCounter();
    counter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
    const { line, col } = counter.linePos(deepAt);
    return { ok: false, problems: [{ file, line, column: col, message: `nested more than ${limits.maxDepth} levels deep; not read` }] };
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => at(e.pos[0], e.message.split('\n')[0]!)) };
  try {
    return { ok: true, doc, lines, value: doc.toJS({ maxAliasCount: limits.maxAliasCount }) };
  } catch (err) {
    // yaml throws (a ReferenceError) when aliases expand past maxAliasCount.
    const alias = firstAlias(doc);
    const why = /alias/i.test((err as Error).message) ? `aliases expand too much (more than ${limits.maxAliasCount} times); not read` : (err as Error).message;
    return { ok: false, problems: [at(alias?.range?.[0] ?? 0, why)] };
  }
}

/** Where block or flow collections first nest deeper than `max`, or null; an explicit stack throughout. */
function deepNestingOffset(text: string, max: number): number | null {
  for (const top of new Parser().parse(text)) {
    if (top.type !== 'document' || !top.value) continue;
    const stack: Array<{ token: CST.Token; depth: number }> = [{ token: top.value, depth: 0 }];
    while (stack.length > 0) {
      const { token, depth } = stack.pop()!;
      if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
      if (depth >= max) return token.offset;
      for (const item of token.items as Array<{ key?: CST.Token | null; value?: CST.Token }>) {
        if (item.key) stack.push({ token: item.key, depth: depth + 1 });
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return null;
}

/**
 * Where flow collections ([ and {) first nest deeper than `max`, or null. Cheap when the text has
 * fewer brackets than that; otherwise the YAML lexer tells brackets from ones inside scalars.
 */
function deepFlowOffset(text: string, max: number): number | null {
  let brackets = 0;
  for (let i = 0; i < text.length && brackets <= max; i++) if (text[i] === '[' || text[i] === '{') brackets++;
  if (brackets <= max) return null;
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > max) return offset;
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
    // The lexer's control tokens (document start, scalar and flow-end markers) are not in the text.
    if (!CONTROL_TOKENS.has(token)) offset += token.length;
  }
  return null;
}

const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

type Node = { range?: [number, number, number] | null | undefined };

function firstAlias(doc: Document): Node | null {
  const stack: unknown[] = [doc.contents];
  let first: Node | null = null;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      const n = node as Node;
      if (!first || (n.range?.[0] ?? 0) < (first.range?.[0] ?? 0)) first = n;
    } else if (isCollection(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  return first;
}
