// Headless Debian Chromium for the HTML tests, started the way this machine allows: no sandbox
// (root), and no background networking (the network is closed).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** A Chromium of the test's own (close it in afterAll). Most tests want sharedChromium(). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does this)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

let shared: Promise<Browser> | undefined;

/**
 * One Chromium per test worker, shared by every file the worker runs (vitest.config.ts: test files
 * are not isolated), so it starts once rather than once a file. Don't close it: open a page with
 * browser.newPage() and close the page; Playwright ends the browser when the worker exits.
 */
export function sharedChromium(): Promise<Browser> {
  shared ??= launchChromium().then((browser) => {
    browser.on('disconnected', () => {
      shared = undefined;
    });
    return browser;
  });
  return shared;
}
