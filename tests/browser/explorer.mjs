// Drive the explorer in headless Chromium (Debian's /usr/bin/chromium, never a downloaded one).
//
//   PLANKG_URL=http://127.0.0.1:8000/ PLANKG_SCREENSHOT=tests/artifacts/explorer.png \
//     node tests/browser/explorer.mjs
//
// Opens the page, searches 集装箱, opens the indicator 集装箱吞吐量 and waits for its owners and
// evidence in the side panel, saves a screenshot, and prints one JSON object describing what the
// page showed (tests/e2e/test_explorer_browser.py asserts on it). Exits 1 with a message on failure.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runOffline } from './offline_browser.mjs';

const base = process.env.PLANKG_URL;
const screenshot = process.env.PLANKG_SCREENSHOT || 'tests/artifacts/explorer.png';
const query = process.env.PLANKG_QUERY || '集装箱';
const indicator = process.env.PLANKG_INDICATOR || '集装箱吞吐量';
const timeout = Number(process.env.PLANKG_TIMEOUT_MS || 20000);
if (!base) {
  console.error('set PLANKG_URL to the running API, e.g. http://127.0.0.1:8000/');
  process.exit(2);
}

await runOffline({ base, viewport: { width: 1600, height: 1000 }, timeout }, 'explorer', async ({ page, problems }) => {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });

  await page.goto(base, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#label-filters label');
  await page.waitForFunction(() => /显示 \d+ 个节点/.test(document.getElementById('status').textContent));
  const overview = await page.textContent('#status');
  if (process.env.PLANKG_OVERVIEW_SCREENSHOT) {
    await page.waitForTimeout(400); // the fit animation
    mkdirSync(dirname(process.env.PLANKG_OVERVIEW_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: process.env.PLANKG_OVERVIEW_SCREENSHOT });
  }

  await page.fill('#search-input', query);
  await page.press('#search-input', 'Enter');
  const hit = page.locator('#search-results button.hit', { hasText: indicator }).first();
  await hit.waitFor();
  const hits = await page.locator('#search-results button.hit .hit-name').allTextContents();
  await hit.click();

  await page.waitForFunction((name) => {
    const title = document.getElementById('panel-title');
    return title && title.textContent === name;
  }, indicator);
  await page.waitForSelector('#owners li');
  await page.waitForSelector('#mentions .evidence mark');
  await page.waitForTimeout(500); // the centring animation

  const panel = await page.evaluate(() => {
    const text = (node) => (node ? node.textContent.trim() : '');
    return {
      title: text(document.getElementById('panel-title')),
      label: text(document.querySelector('#panel-body .label-badge')),
      owners: Array.from(document.querySelectorAll('#owners > li')).map((li) => ({
        name: text(li.querySelector('.owner-line .linkish')),
        basis: (li.querySelector('.owner-line .basis') || {}).title || '',
        via: text(li.querySelector('.owner-via')),
        reason: text(li.querySelector(':scope > .reason')),
        evidence: Array.from(li.querySelectorAll(':scope > .mention .evidence')).map(text),
      })),
      mentions: Array.from(document.querySelectorAll('#mentions .evidence')).map((p) => ({
        sentence: text(p),
        marked: text(p.querySelector('mark')),
      })),
      ladder: Array.from(document.querySelectorAll('.ladder > li')).map((li) => text(li).slice(0, 200)),
      sections: Array.from(document.querySelectorAll('#panel-body h3')).map(text),
    };
  });
  const selectedInGraph = await page.evaluate(() => document.querySelector('#cy canvas') !== null);

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot });

  return { overview, hits, panel, canvas: selectedInGraph, screenshot };
});
