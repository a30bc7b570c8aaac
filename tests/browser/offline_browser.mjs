// What every browser script shares: Debian's headless Chromium (never a downloaded one) in a
// throw-away profile, with every request outside the API's origin refused and recorded, as on a
// machine without internet. `problems` collects those requests and the page's errors.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function openOfflineBrowser({ base, viewport, locale = 'zh-CN', timeout }) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'plankg-chromium-'));
  const problems = [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport,
    locale,
    timeout,
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const origin = new URL(base).origin;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    problems.push(`request outside the API: ${url}`);
    return route.abort();
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, page, problems, close };
}

/**
 * Open the offline browser, run `walk(browser)`, print what it returns as one JSON line (with
 * `problems`), and close. Exit code 1 when the walk throws or anything left the API's origin.
 */
export async function runOffline(options, what, walk) {
  let browser;
  try {
    browser = await openOfflineBrowser(options);
    const report = await walk(browser);
    console.log(JSON.stringify({ ...report, problems: browser.problems }));
    if (browser.problems.length) {
      console.error(browser.problems.join('\n'));
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(`${what} check failed: ${error.message}`);
    if (browser && browser.problems.length) console.error(browser.problems.join('\n'));
    process.exitCode = 1;
  } finally {
    if (browser) await browser.close();
  }
}
