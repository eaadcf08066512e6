// Insights in the real webview: every chart on the sample library, checked
// against the engine's JSON (bars, nodes, cells: what the chart declares,
// and what ECharts holds to draw), clicks that open paragraphs and
// passages, SVG/PNG/CSV exports, both themes, and the network at more than
// 2,000 nodes, where its first-frame time and panning frame rate are
// measured and printed (a benchmark, not asserted).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { byTestId, invoke, libraryRows, openLibrary, pick, pickNext, screenshot as save } from "../support.js";

const out = mkdtempSync(path.join(os.tmpdir(), "quire-insights-"));

/** The figure's `data-items` (what it says it draws) and `data-drawn` (what ECharts holds), once drawn. */
async function drawn(id) {
  const figure = await $(byTestId(`chart-${id}`));
  await figure.waitForExist({ timeoutMsg: `no chart ${id}` });
  await browser.waitUntil(async () => (await figure.getAttribute("data-finished")) !== null, {
    timeoutMsg: `chart ${id} was never drawn`,
  });
  return {
    items: Number(await figure.getAttribute("data-items")),
    drawn: Number(await figure.getAttribute("data-drawn")),
    ms: Number(await figure.getAttribute("data-draw-ms")),
  };
}

/**
 * A screenshot. WebKitWebDriver's never returns on a page that does not
 * scroll (a short insights tab), so the page is made one pixel taller than
 * the window first.
 */
async function screenshot(name) {
  await browser.execute(() => (document.body.style.minHeight = "calc(100vh + 1px)"));
  await save(name);
  await browser.execute(() => (document.body.style.minHeight = ""));
}

async function go(hash) {
  await browser.execute((h) => (location.hash = h), hash);
}

/** Switches between the light and dark theme, as the top bar's button does (the charts redraw). */
async function toggleTheme() {
  await browser.execute(() => document.querySelector('[data-testid="theme-toggle"]').click());
  await browser.pause(400);
}

/**
 * Clicks the item the chart draws at data point `point` (in its axes'
 * terms, e.g. [category index, 0]), at the pixel ECharts reports for it,
 * through the chart's own pointer handler: WebKitWebDriver's pointer
 * actions with an offset miss a canvas. (A real click on the heat map is
 * tested too, at its centre.)
 */
async function clickChart(id, point) {
  await browser.execute(
    (selector, point) => {
      const box = document.querySelector(selector);
      box.scrollIntoView({ block: "center" });
      const [x, y] = box.echarts.convertToPixel({ seriesIndex: 0 }, point);
      const handler = box.echarts.getZr().handler;
      const event = () => ({ zrX: x, zrY: y, offsetX: x, offsetY: y, stop() {}, preventDefault() {} });
      handler.mousedown(event());
      handler.mouseup(event());
      handler.click(event());
    },
    byTestId(`chart-${id}-canvas`),
    point,
  );
}

/** Essays citing works from a skewed pool, so a few works are shared by many. */
function syntheticEssays(dir, essays, works, perEssay) {
  mkdirSync(dir, { recursive: true });
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const first = ["Ab", "Bel", "Cor", "Dun", "El", "Far", "Gil", "Hal", "Ing", "Jor", "Kel", "Lor", "Mar", "Nor", "Os", "Pem"];
  const last = ["bury", "den", "ford", "ham", "ley", "more", "nell", "rick", "ston", "ton", "wick", "worth"];
  // A distinct surname per work: "Corford", "Dunley", …
  const work = (i) => ({
    family: `${first[i % 16]}${last[Math.floor(i / 16) % 12]}${i >= 192 ? ["", "s", "e", "er", "an", "ing", "ell", "by", "ow", "et", "ard", "is", "on"][Math.floor(i / 192)] : ""}`,
    year: 1980 + ((i * 7) % 44),
    title: `A study of practice and relationships, part ${i}`,
  });
  for (let e = 0; e < essays; e++) {
    const chosen = new Set();
    while (chosen.size < perEssay) chosen.add(Math.floor(works * Math.pow(random(), 2.2)));
    const refs = [...chosen].map(work);
    const paragraphs = [];
    for (let p = 0; p * 3 < refs.length; p++) {
      const cites = refs.slice(p * 3, p * 3 + 3).map((r) => `(${r.family}, ${r.year})`).join(" and ");
      paragraphs.push(`Paragraph ${p} of essay ${e} argues that relationships between social workers and people using services matter ${cites}.`);
    }
    const list = refs.map((r) => `${r.family}, A. (${r.year}) ${r.title}. London: Policy Press.`).join("\n\n");
    writeFileSync(path.join(dir, `essay-${String(e).padStart(4, "0")}.md`), `# Synthetic essay ${e}\n\n${paragraphs.join("\n\n")}\n\n## References\n\n${list}\n`);
  }
}

describe("insights", () => {
  before(async () => {
    await openLibrary();
    await libraryRows(4);
  });

  it("shows an essay's figures and charts in the reader, as the engine counts them", async () => {
    const e = await invoke("essay_insights", { id: 3 });
    await go("#/doc/3");
    await $(byTestId("essay-insights")).waitForDisplayed();
    expect(await $(byTestId("insight-median-age")).getText()).toContain(`${e.median_age} y`);
    expect(await $(byTestId("insight-density")).getText()).toContain(String(e.citations_per_100_words));
    const years = await drawn("essay-years");
    expect(years).toEqual(expect.objectContaining({ items: e.years.length, drawn: e.years.length }));
    const strip = await drawn("essay-strip");
    expect(strip).toEqual(expect.objectContaining({ items: e.paragraphs.length, drawn: e.paragraphs.length }));
    const kinds = Object.values(e.types).filter((n) => n > 0).length;
    expect(await drawn("essay-types")).toEqual(expect.objectContaining({ items: kinds, drawn: kinds }));
    expect(e.median_age).toBe(6.5);

    // Clicking the strip scrolls the text to that paragraph.
    const target = e.uncited_paragraphs[e.uncited_paragraphs.length - 1];
    await clickChart("essay-strip", [target, 0]);
    const block = await $(`[data-testid="reader-body"] [data-paragraph="${target}"]`);
    await browser.waitUntil(async () => (await block.getAttribute("class"))?.includes("paragraph-flash"), {
      timeoutMsg: `clicking the strip did not show paragraph ${target}`,
    });
    await browser.waitUntil(() => block.isDisplayed({ withinViewport: true }), { timeoutMsg: "the paragraph was not scrolled into view" });
    await $(byTestId("essay-insights")).scrollIntoView({ block: "start" });
    await screenshot("insights-reader-light");
    await toggleTheme();
    await screenshot("insights-reader-dark");
    await toggleTheme();
  });

  it("draws the most-cited works and opens where one is cited", async () => {
    const json = await invoke("most_cited", { collection: null, top: 25 });
    await go("#/insights/cited");
    const bars = await drawn("most-cited");
    expect(bars).toEqual(expect.objectContaining({ items: json.length, drawn: json.length }));
    // The middle of the first bar.
    await clickChart("most-cited", [json[0].count / 2, 0]);
    await $(byTestId("passages-title")).waitForDisplayed();
    expect(await $(byTestId("passages-title")).getText()).toContain(json[0].label);
    const passages = await invoke("work_passages", { work: json[0].work, collection: null });
    expect((await $$(byTestId("passage"))).length).toBe(passages.length);
    await screenshot("insights-most-cited");
  });

  it("draws the citation network with one node per essay and work", async () => {
    const network = await invoke("citation_network", { collection: null, filter: { from: null, to: null, max_nodes: 2000 } });
    await go("#/insights/network");
    const nodes = await drawn("network");
    expect(nodes).toEqual(expect.objectContaining({ items: network.nodes.length, drawn: network.nodes.length }));
    expect(network.nodes.length).toBe(68);
    expect(await $(byTestId("network-hidden")).isDisplayed()).toBe(false);
    // Filtered by year: only works from 2015 on.
    await $(byTestId("network-from")).setValue("2015");
    await browser.execute(() => document.querySelector('[data-testid="network-apply"]').click());
    const recent = await invoke("citation_network", { collection: null, filter: { from: 2015, to: null, max_nodes: 2000 } });
    await browser.waitUntil(async () => Number(await $(byTestId("chart-network")).getAttribute("data-items")) === recent.nodes.length, {
      timeoutMsg: "the year filter did not redraw the network",
    });
    expect(recent.nodes.length).toBeLessThan(network.nodes.length);
    await browser.pause(1500);
    await screenshot("insights-network");
  });

  it("maps themes × documents, cell for cell, and opens a cell's paragraphs", async () => {
    const matrix = await invoke("theme_matrix", { collection: null });
    await go("#/insights/themes");
    const cells = await drawn("themes");
    const expected = matrix.themes.length * matrix.documents.length;
    expect(cells).toEqual(expect.objectContaining({ items: expected, drawn: expected }));
    expect(matrix.themes.some((t) => t.suggested)).toBe(true);
    // The Technology row, first document (Holly Clarke): 11 paragraphs.
    const row = matrix.themes.findIndex((t) => t.name === "Technology");
    expect(matrix.counts[row][0]).toBe(11);
    const hits = await invoke("theme_cell", { query: matrix.themes[row].query, document: matrix.documents[0].id });
    expect(hits.length).toBe(11);
    await clickChart("themes", [0, row]);
    await browser.waitUntil(async () => (await $$(byTestId("cell-paragraph"))).length === 11, {
      timeoutMsg: "the Technology × Holly Clarke cell did not open its 11 paragraphs",
    });
    await screenshot("insights-themes-light");
    await toggleTheme();
    await screenshot("insights-themes-dark");
    await toggleTheme();
  });

  it("draws the same heat map on the themes page, and opens a cell there", async () => {
    const matrix = await invoke("theme_matrix", { collection: null });
    await go("#/themes");
    const cells = await drawn("themes");
    expect(cells).toEqual(expect.objectContaining({ items: matrix.themes.length * matrix.documents.length }));
    expect(cells.drawn).toBe(cells.items);
    const poverty = matrix.themes.findIndex((t) => t.name === "Poverty");
    await clickChart("themes", [1, poverty]);
    await browser.waitUntil(async () => (await $$(byTestId("cell-paragraph"))).length === matrix.counts[poverty][1], {
      timeoutMsg: "the Poverty × Omar Mohamed cell did not open its paragraphs",
    });
    await screenshot("themes-page");
  });

  it("compares reference ages across essays", async () => {
    const ages = await invoke("reference_ages", { collection: "1" });
    await go("#/insights/ages?c=1");
    const boxes = await drawn("ages");
    expect(boxes).toEqual(expect.objectContaining({ items: 4, drawn: 4 }));
    expect(ages.map((a) => a.median)).toEqual([3, 2, 6.5, 6]);
    await screenshot("insights-ages-light");
    await toggleTheme();
    await screenshot("insights-ages-dark");
    await toggleTheme();
  });

  it("shows a reading list's coverage and the essential items nobody cites", async () => {
    await invoke("create_list", { name: "Week 1", purpose: "reading" });
    const cited = await invoke("most_cited", { collection: null, top: 2 });
    // A work no essay cites: one read from a CSL-JSON file.
    const unread = path.join(out, "unread.json");
    writeFileSync(unread, JSON.stringify([{ id: "u", type: "book", title: "A classic nobody read", author: [{ family: "Nobody", given: "A." }], issued: { "date-parts": [[2001]] } }]));
    const [granted] = await pick("works", [unread]);
    const { ids } = await invoke("import_works", { paths: [granted] });
    const ess = { section: null, importance: "essential", note: null };
    await invoke("add_to_list", { name: "Week 1", workIds: [cited[0].work, ids[0]], ...ess });
    await invoke("add_to_list", { name: "Week 1", workIds: [cited[1].work], section: null, importance: "recommended", note: null });
    await go("#/insights/coverage?c=1");
    const coverage = await invoke("list_coverage", { list: "Week 1", collection: "1" });
    const bars = await drawn("coverage");
    expect(bars).toEqual(expect.objectContaining({ items: coverage.items.length, drawn: coverage.items.length }));
    expect(coverage.essential_uncited).toEqual([ids[0]]);
    await $(byTestId("essential-uncited")).waitForDisplayed();
    expect(await $(byTestId("essential-uncited")).getText()).toContain("Nobody (2001)");
    await screenshot("insights-coverage");
  });

  it("exports a chart as SVG, PNG and CSV", async () => {
    await go("#/insights/ages?c=1");
    await drawn("ages");
    const svgPath = path.join(out, "ages.svg");
    pickNext([svgPath]);
    await $(byTestId("chart-ages-svg")).click();
    await browser.waitUntil(() => existsSync(svgPath), { timeoutMsg: "no SVG written" });
    const svg = readFileSync(svgPath, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("Reference age by essay");

    const pngPath = path.join(out, "ages.png");
    pickNext([pngPath]);
    await $(byTestId("chart-ages-png")).click();
    await browser.waitUntil(() => existsSync(pngPath), { timeoutMsg: "no PNG written" });
    expect([...readFileSync(pngPath).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    const csvPath = path.join(out, "ages.csv");
    pickNext([csvPath]);
    await $(byTestId("chart-ages-csv")).click();
    await browser.waitUntil(() => existsSync(csvPath), { timeoutMsg: "no CSV written" });
    const lines = readFileSync(csvPath, "utf8").trim().split(/\r?\n/);
    expect(lines[0]).toBe("document,essay,references,min,q1,median,q3,max");
    expect(lines.length).toBe(5);
  });

  it("draws a network of more than 2,000 nodes, keeps the best-connected 2,000, and pans smoothly", async () => {
    const dir = path.join(out, "synthetic");
    syntheticEssays(dir, 220, 4000, 15);
    const [folder] = await pick("documents", [dir]);
    await invoke("import_files", { paths: [folder], collection: "Synthetic" });
    const all = await invoke("citation_network", { collection: null, filter: { from: null, to: null, max_nodes: 2000 } });
    expect(all.nodes.length).toBe(2000);
    expect(all.hidden_nodes).toBeGreaterThan(0);
    await go("#/insights/network");
    const network = await drawn("network");
    expect(network).toEqual(expect.objectContaining({ items: 2000, drawn: 2000 }));
    await $(byTestId("network-hidden")).waitForDisplayed();
    expect(await $(byTestId("network-hidden")).getText()).toContain(`${all.hidden_nodes} less-connected nodes`);

    // Pan for about two seconds while counting the frames the page paints.
    const canvas = await $(byTestId("chart-network-canvas"));
    await canvas.scrollIntoView({ block: "center" });
    await browser.pause(3000);
    await browser.execute(() => {
      window.__frames = 0;
      window.__counting = true;
      window.__started = performance.now();
      const tick = () => {
        if (!window.__counting) return;
        window.__frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const steps = [];
    for (let i = 0; i < 40; i++) steps.push({ type: "pointerMove", duration: 50, origin: canvas, x: Math.round(120 * Math.sin(i / 4)), y: Math.round(80 * Math.cos(i / 4)) });
    await browser.performActions([
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [{ type: "pointerMove", duration: 0, origin: canvas, x: 0, y: 0 }, { type: "pointerDown", button: 0 }, ...steps, { type: "pointerUp", button: 0 }],
      },
    ]);
    const fps = await browser.execute(() => {
      window.__counting = false;
      return (window.__frames * 1000) / (performance.now() - window.__started);
    });
    await browser.releaseActions();
    console.log(`network of ${network.items} nodes: first frame in ${network.ms} ms; panning at ${fps.toFixed(1)} frames per second`);
    expect(network.ms).toBeGreaterThan(0);
    await screenshot("insights-network-2000");
  });
});
