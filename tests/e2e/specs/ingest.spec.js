import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { byTestId, dropFiles, invoke, libraryRows, openLibrary, pickNext, root, rowData, screenshot } from "../support.js";

const ingest = (p) => path.join(root, "tests/fixtures/ingest", p);

/** Waits for the import panel's summary and returns its text. */
async function summaryText(startsWith) {
  const summary = await $(byTestId("import-summary"));
  await summary.waitForDisplayed({ timeout: 60_000 });
  await browser.waitUntil(async () => (await summary.getText()).startsWith(startsWith), {
    timeout: 60_000,
    timeoutMsg: `the import summary never began "${startsWith}"`,
  });
  return summary.getText();
}

/** Closes the last import's report, so the next summary read is the next import's. */
async function dismissReport() {
  const dismiss = await $('[data-testid="import-status"] button[aria-label="Dismiss"]');
  if (await dismiss.isExisting()) {
    // The report sits under the sticky top bar once the page has scrolled.
    await browser.execute(() => window.scrollTo(0, 0));
    await dismiss.click();
  }
  await browser.waitUntil(async () => !(await $(byTestId("import-status")).isDisplayed()));
}

/** Each file row of the import panel: its status, name and what it says. */
async function fileRows() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="import-file"]')].map((li) => ({
      status: li.dataset.status,
      path: li.dataset.path,
      text: li.textContent,
      warnings: [...li.querySelectorAll(".warning")].map((w) => w.textContent),
    })),
  );
}

describe("importing real-world files by dropping them on the window", () => {
  before(async () => {
    await openLibrary();
    await libraryRows(4);
  });

  it("imports a PDF, a saved web page and an ODT dropped together", async () => {
    const before = (await rowData()).length;
    dropFiles([ingest("pdf/essay-02.pdf"), ingest("html/community_care.html"), ingest("odt/settlement.odt")]);
    expect(await summaryText("Imported")).toBe("Imported 3 documents");
    const rows = await fileRows();
    expect(rows.map((r) => r.status)).toEqual(["done", "done", "done"]);
    expect(rows[0].text).toContain("PDF");
    expect(rows[0].text).toMatch(/work #\d+/);
    expect(rows[1].text).toContain("Web page");
    expect(rows[1].text).toMatch(/work #\d+/);
    expect(rows[2].text).toContain("OpenDocument");
    await screenshot("ingest-dropped");

    await libraryRows(before + 3);
    const titles = (await rowData()).map((r) => r.title);
    expect(titles).toContain("Talking About Money: Financial Hardship as a Practice Issue");
    expect(titles.some((t) => t.includes("Things get better for service users"))).toBe(true);
    const docs = await invoke("list_documents", { filter: null });
    expect(docs.some((d) => d.origin === "settlement.odt")).toBe(true);

    // The PDF's reader names the work its metadata made, and opens it.
    const pdf = docs.find((d) => d.origin === "essay-02.pdf");
    await browser.execute((id) => (location.hash = `#/doc/${id}`), pdf.id);
    const work = await $(byTestId("reader-work"));
    await work.waitForDisplayed();
    const workId = (await work.getText()).replace("#", "");
    await work.click();
    await browser.waitUntil(async () => (await browser.execute(() => location.hash)) === `#/works/${workId}`);
    await openLibrary();
  });

  it("names a scanned PDF and says what to do, while the rest go in", async () => {
    await dismissReport();
    dropFiles([ingest("pdf/scan.pdf"), ingest("pdf/seed-004.pdf"), ingest("odt/not-a-zip.odt")]);
    const text = await summaryText("Imported");
    expect(text).toBe("Imported 1 document; 2 files could not be imported");
    const rows = await fileRows();
    const scan = rows.find((r) => r.path.endsWith("scan.pdf"));
    expect(scan.status).toBe("failed");
    expect(scan.warnings).toEqual(["no text layer"]);
    expect(scan.text).toContain("OCR");
    expect(rows.find((r) => r.path.endsWith("not-a-zip.odt")).text).toContain("zip");
    expect(rows.find((r) => r.path.endsWith("seed-004.pdf")).status).toBe("done");
    await screenshot("ingest-refused");
  });

  it("shows progress for a folder of many files and stops on Cancel, keeping what was imported", async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "quire-many-"));
    for (let i = 0; i < 400; i++) {
      const words = Array.from({ length: 300 }, (_, j) => `word${(i * 7 + j) % 997}`).join(" ");
      writeFileSync(path.join(folder, `note-${String(i).padStart(3, "0")}.txt`), `Note ${i}\n\n${words}\n`);
    }
    const before = (await invoke("list_documents", { filter: null })).length;
    await dismissReport();
    dropFiles([folder]);
    const cancel = await $(byTestId("import-cancel"));
    await cancel.waitForDisplayed({ timeout: 30_000 });
    // Progress shows counts and, once a file is done, the time left. The
    // line is redrawn on every file, so it is read in one script, never
    // through an element handle that the next redraw makes stale.
    const counts = () =>
      browser.execute(() => document.querySelector('[data-testid="import-counts"]')?.textContent ?? "");
    await browser.waitUntil(async () => (await counts()).includes("left"), {
      timeout: 30_000,
      timeoutMsg: "no time left shown",
    });
    expect(await counts()).toMatch(/^\d+ of 400 · \d+ imported · about .+ left$/);
    await screenshot("ingest-progress");
    await cancel.click();
    const text = await summaryText("Cancelled");
    const imported = Number(text.match(/Imported (\d+) document/)[1]);
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(400);
    const after = (await invoke("list_documents", { filter: null })).length;
    expect(after - before).toBe(imported);
  });

  it("imports a Zotero library with its collections as reading lists", async () => {
    await dismissReport();
    await $(byTestId("zotero-button")).click();
    const dialog = await $(byTestId("zotero-dialog"));
    await dialog.waitForDisplayed();
    await $('input[name="collections-as"][value="lists"]').click();
    await screenshot("ingest-zotero-dialog");
    pickNext([ingest("zotero/data")]);
    await $(byTestId("zotero-choose")).click();
    expect(await summaryText("Zotero")).toMatch(/^Zotero: 14 items \(\d+ new/);
    const lists = await invoke("list_lists", {});
    expect(lists.map((l) => l.name)).toContain("Dissertation / Relationship-based practice");
    await screenshot("ingest-zotero");
  });
});
