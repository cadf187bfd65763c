import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PHOTON_CHROMIUM ?? '/usr/bin/chromium';

// Headless and quiet: no sandbox (containers), no GPU, and none of Chromium's own background
// traffic, which would otherwise show up as noise or hang on machines without a network.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Records what would be bugs on a page: uncaught exceptions, Content-Security-Policy violations and
 * other console errors. `expected` lets a test allow console errors it causes on purpose, such as
 * Chromium logging the 409 of a deliberately duplicate name.
 */
export function watchPageProblems(page: Page, expected: RegExp[] = []): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    const text = msg.text();
    const csp = /Content Security Policy|Refused to (load|execute|apply|evaluate|connect|frame)/i.test(text);
    if (csp) problems.push(`CSP violation: ${text}`);
    else if (msg.type() === 'error' && !expected.some((re) => re.test(text))) problems.push(`console error: ${text}`);
  });
  return problems;
}
