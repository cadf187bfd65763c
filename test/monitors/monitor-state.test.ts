import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, step, type MonitorState, type Outcome, type ParentView, type Transition } from '../../main/monitors/monitor-state.ts';

const T = { failure: 3, success: 2 };

function run(outcomes: Array<Outcome | [Outcome, ParentView]>, start: MonitorState = initialState(0)) {
  let state = start;
  const transitions: Transition[] = [];
  const statuses: string[] = [];
  outcomes.forEach((o, i) => {
    const [outcome, parent] = Array.isArray(o) ? o : [o, undefined];
    const r = step(state, { outcome, at: i + 1, message: outcome, parent }, T);
    state = r.state;
    statuses.push(state.status);
    if (r.transition) transitions.push(r.transition);
  });
  return { state, transitions, statuses };
}

test('first success makes a new monitor UP', () => {
  assert.deepEqual(run(['up']).statuses, ['UP']);
});

test('DOWN only after the failure threshold; exactly one incident opens', () => {
  const r = run(['up', 'down', 'down', 'down', 'down']);
  assert.deepEqual(r.statuses, ['UP', 'PENDING', 'PENDING', 'DOWN', 'DOWN']);
  assert.deepEqual(r.transitions.filter((t) => t.incident).map((t) => [t.incident, t.at]), [['open', 4]]);
  assert.match(r.transitions[1]!.reason, /failure 1 of 3 before DOWN/);
});

test('an instability shorter than the threshold is visible but opens no incident', () => {
  const r = run(['up', 'down', 'down', 'up']);
  assert.deepEqual(r.statuses, ['UP', 'PENDING', 'PENDING', 'UP']);
  assert.equal(r.transitions.filter((t) => t.incident).length, 0);
});

test('recovery needs the success threshold, then the incident closes', () => {
  const r = run(['down', 'down', 'down', 'up', 'up', 'up']);
  assert.deepEqual(r.statuses, ['PENDING', 'PENDING', 'DOWN', 'DOWN', 'UP', 'UP']);
  assert.deepEqual(r.transitions.filter((t) => t.incident).map((t) => [t.incident, t.at]), [['open', 3], ['close', 5]]);
  assert.equal(r.state.since, 5);
});

test('a success in the middle of recovery that fails again keeps the incident open', () => {
  const r = run(['down', 'down', 'down', 'up', 'down', 'up', 'up']);
  assert.deepEqual(r.transitions.filter((t) => t.incident).map((t) => t.incident), ['open', 'close']);
});

test('degraded results are successes shown as DEGRADED', () => {
  const r = run(['up', 'degraded', 'up']);
  assert.deepEqual(r.statuses, ['UP', 'DEGRADED', 'UP']);
  assert.equal(r.transitions.filter((t) => t.incident).length, 0);
});

test('unknown results (local network down) never count as failures and open nothing', () => {
  const r = run(['up', 'unknown', 'unknown', 'unknown', 'unknown', 'up']);
  assert.deepEqual(r.statuses, ['UP', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UP']);
  assert.equal(r.transitions.filter((t) => t.incident).length, 0);
  assert.equal(r.state.failures, 0);
});

test('unknown during an open incident neither closes nor reopens it', () => {
  const r = run(['down', 'down', 'down', 'unknown', 'down', 'up', 'up']);
  assert.deepEqual(r.transitions.filter((t) => t.incident).map((t) => [t.incident, t.at]), [['open', 3], ['close', 7]]);
});

test('failures while the parent fails are "blocked by parent": no count, no incident', () => {
  const vm: ParentView = { id: 7, name: 'prod-vm', failing: true, lastResultAt: 0 };
  const r = run(['up', ['down', vm], ['down', vm], ['down', vm], ['down', vm], 'up']);
  assert.deepEqual(r.statuses, ['UP', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UP']);
  assert.equal(r.transitions.filter((t) => t.incident).length, 0);
  assert.equal(r.transitions[1]!.reason, 'blocked by parent prod-vm');
});

test('a child already DOWN on its own stays DOWN when its parent fails later', () => {
  const vm: ParentView = { id: 7, name: 'prod-vm', failing: true, lastResultAt: 0 };
  const r = run(['down', 'down', 'down', ['down', vm]]);
  assert.equal(r.state.status, 'DOWN');
  assert.equal(r.state.blockedBy, null);
});

test('a child failing before its parent was checked waits for that check instead of opening its own incident', () => {
  const unchecked: ParentView = { id: 7, name: 'prod-vm', failing: false, lastResultAt: 0 };
  const t1 = { failure: 1, success: 1 };
  let s = step(initialState(0), { outcome: 'up', at: 1, message: 'ok' }, t1).state;
  const held = step(s, { outcome: 'down', at: 5, message: 'timed out', parent: unchecked }, t1);
  assert.equal(held.state.status, 'PENDING');
  assert.equal(held.state.awaitingParent, true);
  assert.match(held.state.reason, /waiting for parent prod-vm to be checked/);
  assert.equal(held.transition?.incident ?? null, null);
  // The parent's check then fails: the child is blocked, still no incident of its own.
  s = step(held.state, { outcome: 'down', at: 9, message: 'timed out', parent: { ...unchecked, failing: true, lastResultAt: 8 } }, t1).state;
  assert.equal(s.status, 'UNKNOWN');
  assert.equal(s.blockedBy, 7);
  // Or the parent's check passes: the child's own failure is real and goes DOWN.
  const own = step(held.state, { outcome: 'down', at: 9, message: 'HTTP 500', parent: { ...unchecked, lastResultAt: 8 } }, t1);
  assert.equal(own.state.status, 'DOWN');
  assert.equal(own.transition?.incident, 'open');
});
