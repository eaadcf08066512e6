// The reference side of the citeproc-js comparison: formats a CSL-JSON file
// with citeproc-js in node, using the CSL style and locale files shipped in
// assets/, the way quire-format builds a document (crates/quire-format/js/host.js):
// one citation per cluster in document order, then the bibliography of every
// item (items no cluster cites are uncited works). Prints JSON:
// {"<style>": {"order": [id], "bibliography": {"<id>": html}, "citations": [html]}}
//
// Usage: node tests/citeproc/format.mjs items.json [--clusters clusters.json] style...
// Without --clusters every item is cited once, on its own, in input order.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const CSL = require("citeproc");

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const itemsPath = args.shift() ?? join(root, "tests/fixtures/format/items.json");
let clustersPath = null;
if (args[0] === "--clusters") {
  args.shift();
  clustersPath = args.shift();
}
const styles = args.length ? args : ["harvard-cite-them-right", "apa"];
// Quire formats Cite Them Right in en-GB (its own <locale> block is for
// en-GB); every other style in its own default locale.
const LANG = { "harvard-cite-them-right": "en-GB" };

const items = JSON.parse(readFileSync(itemsPath, "utf8"));
// system_id is what citeproc-js hands embedBibliographyEntry.
const byId = Object.fromEntries(items.map((item) => [item.id, { ...item, system_id: item.id }]));
const clusters = clustersPath
  ? JSON.parse(readFileSync(clustersPath, "utf8"))
  : items.map((item) => [item.id]);

function locale(lang) {
  try {
    return readFileSync(join(root, "assets/locales", `locales-${lang}.xml`), "utf8");
  } catch {
    return false;
  }
}

function render(styleName) {
  const xml = readFileSync(join(root, "assets/styles", `${styleName}.csl`), "utf8");
  const sys = {
    retrieveLocale: locale,
    retrieveItem: (id) => byId[id],
    // Entries that render nothing are left out of the list, so entries are
    // paired with their items by this marker, not by position.
    embedBibliographyEntry: (id) => `<!--item:${id}-->`,
  };
  const engine = LANG[styleName]
    ? new CSL.Engine(sys, xml, LANG[styleName], true)
    : new CSL.Engine(sys, xml);
  engine.setOutputFormat("html");
  const cited = new Set(clusters.flat());
  const citations = clusters.map((ids, k) => ({
    citationID: `c${k}`,
    citationItems: ids.map((id) => ({ id })),
    properties: { noteIndex: 0 },
  }));
  const uncited = items.map((item) => item.id).filter((id) => !cited.has(id));
  const rendered = engine.rebuildProcessorState(citations, "html", uncited);
  const [, entries] = engine.makeBibliography();
  const bibliography = {};
  const order = [];
  for (const entry of entries) {
    const m = /<!--item:([^>]*)-->\s*$/.exec(entry);
    order.push(m[1]);
    bibliography[m[1]] = entry.slice(0, m.index);
  }
  return {
    order,
    bibliography,
    citations: rendered.map((triple) => triple[2]),
  };
}

const out = {};
for (const style of styles) out[style] = render(style);
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
