import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wildcardMatch } from '../../main/core/wildcard-match.ts';

/** The meaning of a glob, spelled as a regex: only used on short inputs, where backtracking is cheap. */
function oracle(s: string, pattern: string): boolean {
  const body = [...pattern].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`).test(s);
}

/** mulberry32: a fixed seed, so a failure names inputs that reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('agrees with the glob meaning on 50,000 random short subjects and patterns', () => {
  const next = random(12);
  const pick = (alphabet: string, max: number) =>
    Array.from({ length: Math.floor(next() * (max + 1)) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
  for (let i = 0; i < 50_000; i++) {
    const s = pick('ab.', 12);
    const p = pick('ab.*?', 9);
    assert.equal(wildcardMatch(s, p), oracle(s, p), `wildcardMatch(${JSON.stringify(s)}, ${JSON.stringify(p)})`);
  }
});

test('the OpenSSH cases: host names and aliases', () => {
  assert.equal(wildcardMatch('web1.example.com', '*.example.com'), true);
  assert.equal(wildcardMatch('example.com', '*.example.com'), false);
  assert.equal(wildcardMatch('node7', 'node?'), true);
  assert.equal(wildcardMatch('node17', 'node?'), false);
  assert.equal(wildcardMatch('', '*'), true);
  assert.equal(wildcardMatch('', ''), true);
  assert.equal(wildcardMatch('a', ''), false);
  assert.equal(wildcardMatch('abc', 'a*b*c'), true);
  assert.equal(wildcardMatch('ab', 'a*b*b'), false, 'pieces may not overlap');
  assert.equal(wildcardMatch(`${'x'.repeat(100)}${'a'.repeat(70)}b!`, `*${'?'.repeat(70)}b*`), true, 'a ? piece longer than one word of bits');
});

test('hostile bodies against long globs answer correctly (one pass per piece, not body × pattern)', () => {
  const body = 'a'.repeat(1024 * 1024);
  assert.equal(wildcardMatch(body, `*${'a'.repeat(480)}b`), false);
  assert.equal(wildcardMatch(body, `*${'?a'.repeat(240)}b*`), false);
  assert.equal(wildcardMatch(body, `${'*a'.repeat(200)}*`), true);
  assert.equal(wildcardMatch(`${body}b`, `*${'?a'.repeat(240)}b`), true);
});
