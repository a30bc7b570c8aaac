// The progress section of an indicator's panel in headless Chromium (Debian's /usr/bin/chromium).
//
//   PLANKG_URL=http://127.0.0.1:8000/ PLANKG_INDICATOR=国家高新技术企业数量 \
//     PLANKG_SCREENSHOT=tests/artifacts/progress.png node tests/browser/progress.mjs
//
// Opens the page, searches the indicator, opens it, waits for the chart of its reported figures,
// saves a screenshot of the side panel and prints one JSON object describing what the progress
// section showed (tests/e2e/test_explorer_browser.py asserts on it). Exits 1 with a message on failure.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runOffline } from './offline_browser.mjs';

const base = process.env.PLANKG_URL;
const indicator = process.env.PLANKG_INDICATOR || '国家高新技术企业数量';
const screenshot = process.env.PLANKG_SCREENSHOT || 'tests/artifacts/progress.png';
const timeout = Number(process.env.PLANKG_TIMEOUT_MS || 20000);
if (!base) {
  console.error('set PLANKG_URL to the running API, e.g. http://127.0.0.1:8000/');
  process.exit(2);
}

await runOffline({ base, viewport: { width: 1600, height: 1000 }, timeout }, 'progress', async ({ page, problems }) => {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(base, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#label-filters label');
  await page.fill('#search-input', indicator);
  await page.press('#search-input', 'Enter');
  const hit = page.locator('#search-results button.hit', { hasText: indicator }).first();
  await hit.waitFor();
  await hit.click();
  await page.waitForFunction((name) => {
    const title = document.getElementById('panel-title');
    return title && title.textContent === name;
  }, indicator);
  try {
    await page.waitForSelector('#progress-status', { state: 'attached' });
  } catch (error) {
    const sections = await page.evaluate(() => Array.from(document.querySelectorAll('#panel-body h3')).map((h) => h.textContent));
    throw new Error(`${error.message}; sections: ${sections.join(', ')}; problems: ${problems.join('; ')}`);
  }
  await page.locator('#progress-chart').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);

  const progress = await page.evaluate(() => {
    const text = (node) => (node ? node.textContent.trim() : '');
    const chart = document.getElementById('progress-chart');
    return {
      status: text(document.getElementById('progress-status')),
      figures: Array.from(document.querySelectorAll('#progress-figures > li strong')).map(text),
      sentences: Array.from(document.querySelectorAll('#progress-figures .evidence')).map(text),
      points: chart.querySelectorAll('circle.figure').length,
      line: chart.querySelectorAll('polyline').length,
      labels: Array.from(chart.querySelectorAll('text')).map(text),
      box: (({ width, height }) => ({ width, height }))(chart.getBoundingClientRect()),
    };
  });
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.locator('#panel').screenshot({ path: screenshot });
  return { progress, screenshot };
});
