// Copy the browser libraries from node_modules into app/static/vendor/: cytoscape for the
// explorer, Swagger UI and ReDoc for /docs and /redoc.
//
// The copies are committed, so a fresh clone serves the explorer and the API docs with no npm
// and no network; run `npm ci && npm run vendor` after changing a version in package.json.
// With --check, exit 1 when the committed copy differs from node_modules (a stale vendor dir).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vendor = join(root, 'app', 'static', 'vendor');
const assets = [
  ['node_modules/cytoscape/dist/cytoscape.min.js', 'cytoscape.min.js'],
  ['node_modules/cytoscape/LICENSE', 'cytoscape.LICENSE.txt'],
  ['node_modules/swagger-ui-dist/swagger-ui-bundle.js', 'swagger-ui-bundle.js'],
  ['node_modules/swagger-ui-dist/swagger-ui.css', 'swagger-ui.css'],
  ['node_modules/swagger-ui-dist/favicon-32x32.png', 'favicon-32x32.png'],
  ['node_modules/swagger-ui-dist/LICENSE', 'swagger-ui.LICENSE.txt'],
  ['node_modules/redoc/bundles/redoc.standalone.js', 'redoc.standalone.js'],
  ['node_modules/redoc/LICENSE', 'redoc.LICENSE.txt'],
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
