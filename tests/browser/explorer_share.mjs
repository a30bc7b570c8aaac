// The explorer as a researcher shares it: overview counts, legend, readable labels, the basis
// filter, a task's owners, Chinese property names and reasons, shared words on inferred ladder
// steps, and a link (the URL's hash) that reopens the same view in a fresh page.
//
//   PLANKG_URL=http://127.0.0.1:8000/ PLANKG_ARTIFACTS=tests/artifacts node tests/browser/explorer_share.mjs
//
// PLANKG_MODE=overview stops after the overview (for a graph of another city). Prints one JSON
// object (tests/e2e/test_explorer_share.py asserts on it); exits 1 on failure.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runOffline } from './offline_browser.mjs';

const base = process.env.PLANKG_URL;
const artifacts = process.env.PLANKG_ARTIFACTS || 'tests/artifacts';
const prefix = process.env.PLANKG_PREFIX || 'explorer';
const mode = process.env.PLANKG_MODE || 'all';
const positioning = process.env.PLANKG_POSITIONING || '国际门户枢纽城市';
const task = process.env.PLANKG_TASK || '推动青岛港加快建设世界一流海港';
const inferredTask = process.env.PLANKG_INFERRED_TASK || '突出高效能治理，建设现代化国际大都市';
const timeout = Number(process.env.PLANKG_TIMEOUT_MS || 20000);
if (!base) {
  console.error('set PLANKG_URL to the running API, e.g. http://127.0.0.1:8000/');
  process.exit(2);
}

const overviewReady = () => /显示 \d+ 个节点/.test(document.getElementById('status').textContent);

/** What the overview shows: counts, selector, legend, and the on-screen size of every label. */
function overviewFacts() {
  const cy = window.plankgExplorer.cy();
  const zoom = cy.zoom();
  const drawn = cy.nodes().filter((n) => n.visible()).map((n) => ({
    label: n.data('label'), name: n.data('name'), px: Number(n.style('font-size').replace('px', '')) * zoom,
  }));
  return {
    status: document.getElementById('status').textContent,
    filters: Array.from(document.querySelectorAll('#label-filters label')).map((l) => l.textContent.trim()),
    allOption: document.querySelector('#positioning-filter option[value=""]').textContent,
    positionings: Array.from(document.querySelectorAll('#positioning-filter option:not([value=""])')).map((o) => o.textContent),
    legend: {
      open: document.getElementById('legend').open,
      headings: Array.from(document.querySelectorAll('#legend h4')).map((h) => h.textContent),
      items: Array.from(document.querySelectorAll('#legend li')).map((li) => li.textContent.trim()),
    },
    labels: drawn,
  };
}

async function panelFacts(page) {
  return page.evaluate(() => {
    const text = (node) => (node ? node.textContent.trim() : '');
    const cy = window.plankgExplorer.cy();
    return {
      title: text(document.getElementById('panel-title')),
      sections: Array.from(document.querySelectorAll('#panel-body h3')).map(text),
      properties: Array.from(document.querySelectorAll('#panel-body .props th')).map(text),
      owners: Array.from(document.querySelectorAll('#owners > li')).map((li) => ({
        name: text(li.querySelector('.owner-line .linkish')),
        basis: (li.querySelector('.owner-line .basis') || {}).title || '',
        via: text(li.querySelector('.owner-via')),
        reason: text(li.querySelector(':scope > .reason')),
      })),
      sharedTerms: Array.from(document.querySelectorAll('.ladder .shared-terms')).map(text),
      neighbours: Array.from(document.querySelectorAll('.neighbours .linkish')).map(text),
      selected: cy.$('node.selected').map((n) => n.data('name')),
      positioning: document.getElementById('positioning-filter').selectedOptions[0].textContent,
      showInferred: document.getElementById('show-inferred').checked,
      search: document.getElementById('search-input').value,
      visibleInferred: cy.edges('[basis = "inferred"]').filter((e) => e.visible()).length,
      hash: window.location.hash,
    };
  });
}

async function openFromSearch(page, query, name) {
  await page.fill('#search-input', query);
  await page.press('#search-input', 'Enter');
  const hit = page.locator('#search-results button.hit', { hasText: name }).first();
  await hit.waitFor();
  await hit.click();
  await page.waitForFunction((wanted) => {
    const title = document.getElementById('panel-title');
    return title && title.textContent === wanted;
  }, name);
  await page.waitForSelector('#panel-body h3');
  await page.waitForTimeout(400); // the centring animation
}

await runOffline({ base, viewport: { width: 1600, height: 1000 }, timeout }, 'explorer', async ({ context, page }) => {
  mkdirSync(artifacts, { recursive: true });
  await page.goto(base, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(overviewReady);
  await page.waitForTimeout(500); // the fit animation
  const overview = await page.evaluate(overviewFacts);
  await page.screenshot({ path: join(artifacts, `${prefix}-overview-legend.png`) });
  const report = { overview };

  if (mode !== 'overview') {
    const inferredBefore = await page.evaluate(() => window.plankgExplorer.cy().edges('[basis = "inferred"]').filter((e) => e.visible()).length);
    await page.uncheck('#show-inferred');
    await page.selectOption('#positioning-filter', { label: positioning });
    await openFromSearch(page, task, task);
    await page.waitForSelector('#owners li');
    const taskPanel = await panelFacts(page);
    await page.screenshot({ path: join(artifacts, `${prefix}-task-owners.png`) });

    // the link, opened in a fresh page, shows the same view
    const shared = await context.newPage();
    await shared.goto(new URL(taskPanel.hash, base).href, { waitUntil: 'domcontentloaded' });
    await shared.waitForFunction((wanted) => {
      const title = document.getElementById('panel-title');
      return title && title.textContent === wanted;
    }, task);
    await shared.waitForSelector('#owners li');
    await shared.waitForTimeout(500);
    const reopened = await panelFacts(shared);
    await shared.screenshot({ path: join(artifacts, `${prefix}-shared-link.png`) });
    await shared.close();

    await page.check('#show-inferred');
    await page.selectOption('#positioning-filter', { value: '' });
    await openFromSearch(page, '高效能治理', inferredTask);
    await page.waitForSelector('.ladder .shared-terms');
    const ladderPanel = await panelFacts(page);
    await page.screenshot({ path: join(artifacts, `${prefix}-inferred-ladder.png`) });
    Object.assign(report, { inferredBefore, taskPanel, reopened, ladderPanel });
  }

  return report;
});
