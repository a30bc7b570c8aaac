// Copy the explorer's browser library from node_modules into app/static/vendor/.
//
// The copies are committed, so a fresh clone serves the explorer with no npm and no network;
// run `npm ci && npm run vendor` after changing the cytoscape version in package.json.
// With --check, exit 1 when the committed copy differs from node_modules (a stale vendor dir).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vendor = join(root, 'app', 'static', 'vendor');
const assets = [
  ['node_modules/cytoscape/dist/cytoscape.min.js', 'cytoscape.min.js'],
  ['node_modules/cytoscape/LICENSE', 'cytoscape.LICENSE.txt'],
];
const check = process.argv.includes('--check');

mkdirSync(vendor, { recursive: true });
let stale = 0;
for (const [from, to] of assets) {
  const source = join(root, from);
  if (!existsSync(source)) {
    console.error(`missing ${from}: run \`npm ci\` first`);
    process.exit(2);
  }
  const data = readFileSync(source);
  const target = join(vendor, to);
  const same = existsSync(target) && readFileSync(target).equals(data);
  if (check) {
    if (!same) { console.error(`stale: app/static/vendor/${to}`); stale += 1; }
  } else if (!same) {
    writeFileSync(target, data);
    console.log(`vendored ${from} -> app/static/vendor/${to}`);
  }
}
process.exit(stale ? 1 : 0);
