import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openExternalSafely, safeExternalUrl } from '../../main/electron/open-external.ts';

function recordingShell() {
  const opened: string[] = [];
  return { opened, shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) } };
}

test('http and https URLs are opened, as their parsed form', () => {
  const { shell, opened } = recordingShell();
  assert.equal(openExternalSafely(shell, 'https://example.com/a b?q=1'), true);
  assert.equal(openExternalSafely(shell, 'HTTP://Example.COM'), true);
  assert.deepEqual(opened, ['https://example.com/a%20b?q=1', 'http://example.com/']);
});

test('every other scheme, credentials and unparsable input are refused and never reach the shell', () => {
  const { shell, opened } = recordingShell();
  const refused = [
    'javascript:alert(1)',
    'file:///etc/passwd',
    'file://C:/Windows/System32/calc.exe',
    'file://attacker.example/share/payload.exe',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
    'app://photon/index.html',
    'data:text/html,hi',
    'mailto:a@b.c',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'http://',
    '//example.com/',
    'example.com',
    'not a url',
    '',
    ' javascript:alert(1)',
    undefined,
    42,
  ];
  for (const raw of refused) {
    assert.equal(openExternalSafely(shell, raw), false, `${String(raw)} was accepted`);
    assert.equal(safeExternalUrl(raw), null);
  }
  assert.deepEqual(opened, []);
});
