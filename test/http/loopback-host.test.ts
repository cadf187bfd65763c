import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost } from '../../main/http/index.ts';

test('loopback names are accepted with or without a port, in any case', () => {
  for (const host of ['127.0.0.1', '127.0.0.1:7717', 'localhost', 'localhost:1', 'LocalHost:7718', '[::1]', '[::1]:7717']) {
    assert.equal(isLoopbackHost(host), true, host);
  }
});

test('any other name, a missing Host and names dressed up as loopback are refused', () => {
  for (const host of [
    undefined,
    '',
    'evil.example',
    'evil.example:7717',
    '127.0.0.1.evil.example',
    'localhost.evil.example:7717',
    'localhost.',
    'localhost@evil.example',
    '127.0.0.1:80@evil.example',
    'evil.example#127.0.0.1',
    'evil.example/127.0.0.1',
    ' localhost',
    'localhost ',
    'localhost:',
    'localhost:123456',
    '::1',
    '[::1',
    '[::2]:7717',
    '127.0.0.2',
    '0.0.0.0',
    '2130706433',
  ]) {
    assert.equal(isLoopbackHost(host), false, JSON.stringify(host));
  }
});
