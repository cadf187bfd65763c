import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConditionSyntaxError, parseCondition } from '../../main/monitors/conditions/parse-condition.ts';
import { evaluateCondition, type Observation } from '../../main/monitors/conditions/evaluate-condition.ts';

const check = (source: string, obs: Observation) => evaluateCondition(parseCondition(source), obs);

const DAY = 86_400_000;
const body = JSON.stringify({ status: 'ok', data: [{ id: 1, name: 'a' }, { id: 2 }], errors: [] });

for (const [source, obs, expected] of [
  ['[STATUS] == 200', { STATUS: 200 }, true],
  ['[STATUS] == 200', { STATUS: 503 }, false],
  ['[STATUS] != 500', { STATUS: 200 }, true],
  ['[STATUS] == any(200, 429)', { STATUS: 429 }, true],
  ['[STATUS] == any(200, 429)', { STATUS: 500 }, false],
  ['[STATUS] != any(500, 502)', { STATUS: 200 }, true],
  ['[RESPONSE_TIME] < 300', { RESPONSE_TIME: 120 }, true],
  ['[RESPONSE_TIME] < 300', { RESPONSE_TIME: 300 }, false],
  ['[RESPONSE_TIME] <= 1s', { RESPONSE_TIME: 1000 }, true],
  ['[CERTIFICATE_EXPIRATION] > 14d', { CERTIFICATE_EXPIRATION: 20 * DAY }, true],
  ['[CERTIFICATE_EXPIRATION] > 14d', { CERTIFICATE_EXPIRATION: 3 * DAY }, false],
  ['[CERTIFICATE_EXPIRATION] > 48h', { CERTIFICATE_EXPIRATION: 3 * DAY }, true],
  ['[BODY].status == ok', { BODY: body }, true],
  ['[BODY].data[0].id == 1', { BODY: body }, true],
  ['[BODY].data[1].id == 1', { BODY: body }, false],
  ['len([BODY].data) < 5', { BODY: body }, true],
  ['len([BODY].data) == 2', { BODY: body }, true],
  ['has([BODY].errors) == true', { BODY: body }, true],
  ['has([BODY].missing) == false', { BODY: body }, true],
  ['[BODY] == pat(*"status":"ok"*)', { BODY: body }, true],
  ['[BODY] == pat(*down*)', { BODY: body }, false],
  ['[BODY].status == "ok"', { BODY: body }, true],
  ['[PACKET_LOSS] < 20', { PACKET_LOSS: 0 }, true],
  ['[PACKET_LOSS] < 20', { PACKET_LOSS: 100 }, false],
  ['[EXIT_CODE] == 0', { EXIT_CODE: 0 }, true],
  ['[EXIT_CODE] == 0', { EXIT_CODE: 3 }, false],
  ['[CONNECTED] == true', { CONNECTED: true }, true],
  ['[CONNECTED] == true', { CONNECTED: false }, false],
  ['[DNS_RCODE] == NOERROR', { DNS_RCODE: 'NOERROR' }, true],
  ['[BODY] == 0.5', { BODY: '0.5\n' }, true],
  ['[BODY].status == ok', { BODY: 'not json' }, false],
  ['[STATUS] > 100', { STATUS: 'abc' }, false],
] as const) {
  test(`${source} with ${JSON.stringify(obs).slice(0, 60)} → ${expected}`, () => {
    assert.equal(check(source, obs as Observation).satisfied, expected);
  });
}

test('a placeholder the check did not observe is a failure that says so, not a silent pass', () => {
  const r = check('[STATUS] == 200', { CONNECTED: true });
  assert.equal(r.satisfied, false);
  assert.equal(r.detail, '[STATUS] was not observed by this check');
});

test('the outcome shows the observed value', () => {
  assert.equal(check('[STATUS] == 200', { STATUS: 503 }).detail, '[STATUS] (503) == 200');
  assert.equal(check('len([BODY].data) < 5', { BODY: body }).detail, 'len([BODY].data) (2) < 5');
});

for (const [source, column, reason] of [
  ['[STATUS] = 200', 10, /expected one of == != <= >= < >/],
  ['[STATSU] == 200', 1, /unknown placeholder \[STATSU\]/],
  ['STATUS == 200', 1, /expected a placeholder/],
  ['[STATUS] ==', 12, /expected a value after the operator/],
  ['[STATUS] == 200 300', 17, /unexpected "300"/],
  ['len([BODY].data < 5', 17, /expected "\)" to close len\(/],
  ['[STATUS].code == 1', 9, /only \[BODY\] has fields/],
  ['[BODY].data[x] == 1', 12, /expected an index like \[0\]/],
  ['[STATUS] < any(1, 2)', 12, /any\(…\) works only with == or !=/],
  ['[STATUS] == any(200 429', 21, /expected "," or "\)"/],
  ['[BODY] == "unclosed', 11, /unclosed quote/],
  ['[STATUS', 1, /unclosed "\["/],
] as const) {
  test(`syntax error: ${JSON.stringify(source)} → column ${column}`, () => {
    assert.throws(
      () => parseCondition(source),
      (err: unknown) => err instanceof ConditionSyntaxError && err.column === column && reason.test(err.reason),
    );
  });
}
