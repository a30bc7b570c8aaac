// Open /docs (Swagger UI) and /redoc (ReDoc) in headless Chromium with every request outside the
// API's origin refused, wait until each has rendered the API's operations, save a screenshot of
// each, and print one JSON object (tests/e2e/test_docs_browser.py asserts on it). Exits 1 on failure.
//
//   PLANKG_URL=http://127.0.0.1:8000/ PLANKG_ARTIFACTS=tests/artifacts node tests/browser/docs.mjs
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runOffline } from './offline_browser.mjs';

const base = process.env.PLANKG_URL;
const artifacts = process.env.PLANKG_ARTIFACTS || 'tests/artifacts';
const timeout = Number(process.env.PLANKG_TIMEOUT_MS || 30000);
if (!base) {
  console.error('set PLANKG_URL to the running API, e.g. http://127.0.0.1:8000/');
  process.exit(2);
}

await runOffline({ base, viewport: { width: 1400, height: 1000 }, locale: 'en-US', timeout }, 'docs', async ({ page }) => {
  mkdirSync(artifacts, { recursive: true });

  await page.goto(new URL('docs', base).href, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.opblock-summary-path');
  const swagger = await page.evaluate(() => ({
    title: (document.querySelector('.info .title') || {}).textContent || '',
    paths: Array.from(document.querySelectorAll('.opblock-summary-path'))
      .map((n) => n.getAttribute('data-path') || n.textContent.trim()),
    methods: Array.from(document.querySelectorAll('.opblock-summary-method')).map((n) => n.textContent.trim()),
  }));
  await page.screenshot({ path: join(artifacts, 'docs-swagger.png') });

  await page.goto(new URL('redoc', base).href, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('[data-section-id^="operation/"]');
  const redoc = await page.evaluate(() => ({
    title: (document.querySelector('h1') || {}).textContent || '',
    operations: Array.from(document.querySelectorAll('[data-section-id^="operation/"]'))
      .map((n) => n.getAttribute('data-section-id')),
    text: document.body.innerText.slice(0, 20000),
  }));
  await page.screenshot({ path: join(artifacts, 'docs-redoc.png') });

  return { swagger, redoc };
});
