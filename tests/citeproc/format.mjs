// Formats tests/fixtures/format/items.json with citeproc-js, using the CSL
// style and locale files shipped in assets/, and prints JSON:
// {"<style>": {"bibliography": {"<id>": "<html entry>"}, "citations": {"<id>": "<html>"}}}
// Usage: node tests/citeproc/format.mjs [items.json] [style ...]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const CSL = require("citeproc");

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const itemsPath = process.argv[2] ?? join(root, "tests/fixtures/format/items.json");
const styles = process.argv.length > 3 ? process.argv.slice(3) : ["harvard-cite-them-right", "apa"];
// Cite Them Right is a British style: its own <locale> block is for en-GB and
// quire-format formats it in en-GB (single quotes, "edn."); the others in en-US.
const LANG = { "harvard-cite-them-right": "en-GB" };

const items = JSON.parse(readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));

function render(styleName) {
  const xml = readFileSync(join(root, "assets/styles", `${styleName}.csl`), "utf8");
  const sys = {
    retrieveLocale: (lang) => {
      try {
        return readFileSync(join(root, "assets/locales", `locales-${lang}.xml`), "utf8");
      } catch {
        return false;
      }
    },
    retrieveItem: (id) => byId[id],
  };
  const engine = new CSL.Engine(sys, xml, LANG[styleName] ?? "en-US", true);
  engine.setOutputFormat("html");
  const citations = {};
  for (const item of items) {
    // One citation per item, each on its own (as quire-format previews them).
    const [, pairs] = engine.processCitationCluster(
      { citationItems: [{ id: item.id }], properties: { noteIndex: 0 } },
      [],
      [],
    );
    citations[item.id] = pairs[pairs.length - 1][1];
  }
  engine.updateItems(items.map((item) => item.id));
  const [meta, entries] = engine.makeBibliography();
  const bibliography = {};
  meta.entry_ids.forEach((ids, i) => {
    bibliography[ids[0]] = entries[i];
  });
  return { order: meta.entry_ids.map((ids) => ids[0]), bibliography, citations };
}

const out = {};
for (const style of styles) out[style] = render(style);
process.stdout.write(JSON.stringify(out, null, 2) + "\n");
