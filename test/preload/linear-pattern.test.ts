import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePattern, MAX_PATTERN_LENGTH, MAX_SUBJECT_LENGTH, PatternError, patternProblem } from '../../preload/linear-pattern.ts';

test('matches like the RegExp it replaces for the patterns people write', () => {
  const unit = compilePattern('[a-z0-9@.-]+', { whole: true });
  assert.equal(unit.test('nginx.service'), true);
  assert.equal(unit.test('A;B'), false);
  assert.equal(unit.test('nginx; rm'), false, 'whole: a match inside the value is not enough');
  assert.equal(compilePattern('err(or)?').test('an error happened'), true, 'without whole: anywhere');
  assert.equal(compilePattern('^\\d{3}$', { whole: true }).test('503'), true);
  assert.equal(compilePattern('ok', { ignoreCase: true }).test('OK'), true);
  assert.equal(compilePattern('\\p{L}+', { whole: true }).test('Grüße'), true);
});

test('a catastrophic pattern against its worst subject answers, and correctly', () => {
  const p = compilePattern('(a+)+$');
  assert.equal(p.test(`${'a'.repeat(5000)}!`), false);
  assert.equal(p.test('a'.repeat(5000)), true);
  assert.equal(compilePattern('(x+x+)+y', { whole: true }).test('x'.repeat(5000)), false);
});

test('back-references and lookaround are refused, saying what and why', () => {
  const cases: Array<[string, string]> = [
    ['(a)\\1', 'uses a back-reference (\\1), which is not supported'],
    ['(?<w>a)\\k<w>', 'uses a named back-reference (\\k<…>), which is not supported'],
    ['a(?=b)', 'uses a lookahead ((?=…)), which is not supported'],
    ['a(?!b)', 'uses a negative lookahead ((?!…)), which is not supported'],
    ['(?<=a)b', 'uses a lookbehind ((?<=…)), which is not supported'],
    ['(?<!a)b', 'uses a negative lookbehind ((?<!…)), which is not supported'],
  ];
  for (const [source, reason] of cases) {
    assert.throws(
      () => compilePattern(source),
      (err: unknown) => err instanceof PatternError && err.reason.startsWith(reason) && /patterns run in linear time/.test(err.reason),
      source,
    );
    assert.match(patternProblem(source) ?? '', /linear time/, source);
  }
});

test('escaped and bracketed look-alikes are not mistaken for back-references or lookaround', () => {
  assert.equal(patternProblem('\\\\1'), null, 'a literal backslash, then 1');
  assert.equal(compilePattern('\\\\1', { whole: true }).test('\\1'), true);
  assert.equal(patternProblem('[(?=]+'), null, 'inside a class these are plain characters');
  assert.equal(compilePattern('[(?=]+', { whole: true }).test('(?=('), true);
  assert.equal(patternProblem('[]\\\\1]'), null, 'a "]" first in a class does not close it');
  assert.equal(patternProblem('(?:ab)+'), null, 'a non-capturing group is fine');
  assert.equal(patternProblem('(?<name>ab)'), null, 'a named group without a back-reference is fine');
});

test('syntax errors and oversized patterns are refused with words, never thrown raw', () => {
  assert.match(patternProblem('(') ?? '', /^is not a valid regular expression: missing closing \)/);
  assert.match(patternProblem('a{5000}') ?? '', /^is not a valid regular expression: invalid repeat count/);
  assert.equal(patternProblem('a'.repeat(MAX_PATTERN_LENGTH)), null);
  assert.equal(patternProblem('a'.repeat(MAX_PATTERN_LENGTH + 1)), `is longer than ${MAX_PATTERN_LENGTH} characters`);
});

test('subjects over the limit: a search looks at the first part, a whole match refuses', () => {
  const long = `${'b'.repeat(MAX_SUBJECT_LENGTH)}needle`;
  assert.equal(compilePattern('needle').test(long), false, 'beyond the searched part');
  assert.equal(compilePattern('^b+').test(long), true);
  assert.equal(compilePattern('[a-z]+', { whole: true }).test(long), false, 'never judged on a part');
  assert.equal(compilePattern('[a-z]+', { whole: true }).test('b'.repeat(MAX_SUBJECT_LENGTH)), true);
});

test('a short pattern that compiles to a huge program is refused: RE2 is linear, but per step of its program', () => {
  // 177 characters, ~32,000 steps per character of the subject: seconds on a 4 KiB value.
  const heavy = '(?:a?){999}'.repeat(16) + 'b';
  assert.match(patternProblem(heavy) ?? '', /is too complex: it compiles to \d+ steps per character, over the limit of 2500/);
  assert.equal(patternProblem('[a-z]{1,1000}'), null, 'a long but plain repetition still compiles');
  assert.equal(patternProblem('(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}', { whole: true }), null, 'a host name pattern');
});
