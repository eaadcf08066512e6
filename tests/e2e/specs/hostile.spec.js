import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { byTestId, invoke, openLibrary, pick, root, rowData } from "../support.js";

/** `typeof window.__pwned`: "undefined" unless some injected script ran. */
const pwned = () => browser.execute(() => typeof window.__pwned);

describe("importing hostile and broken files", () => {
  let hostileId;

  it("imports a Markdown file full of script as an ordinary document", async () => {
    await openLibrary();
    const paths = await pick("documents", [path.join(root, "tests/fixtures/hostile.md")]);
    const report = await invoke("import_files", { paths, collection: null });
    expect(report.errors).toEqual([]);
    expect(report.imported.length).toBe(1);
    hostileId = report.imported[0].id;
    expect(await pwned()).toBe("undefined");
  });

  it("shows it in the reader without running any of it", async () => {
    await browser.execute((id) => (location.hash = `#/doc/${id}`), hostileId);
    const body = await $(byTestId("reader-body"));
    await body.waitForDisplayed();
    await expect(body).toHaveText(expect.stringContaining("The text after the attacks is still shown."));

    const found = await browser.execute(() => {
      const reader = document.querySelector('[data-testid="reader-body"]');
      const all = [...reader.querySelectorAll("*")];
      return {
        scripts: reader.querySelectorAll("script").length,
        frames: reader.querySelectorAll("iframe, object, embed, form").length,
        handlers: all.filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
        scriptUrls: all.filter((el) => /^\s*javascript:/i.test(el.getAttribute("href") ?? el.getAttribute("src") ?? "")).length,
      };
    });
    expect(found).toEqual({ scripts: 0, frames: 0, handlers: 0, scriptUrls: 0 });

    for (const link of await $$(`${byTestId("reader-body")} a`)) await link.click();
    await browser.pause(300);
    expect(await pwned()).toBe("undefined");
    // The links did not navigate the app away from the reader.
    expect(await browser.execute(() => location.hash)).toBe(`#/doc/${hostileId}`);
  });

  it("lists it in the library, where its text stays text", async () => {
    await openLibrary();
    const rows = await rowData();
    expect(rows.some((r) => r.id === hostileId)).toBe(true);
    expect(await pwned()).toBe("undefined");
  });

  it("reports each broken file by name and imports nothing from it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "quire-e2e-broken-"));
    const broken = path.join(dir, "broken.docx");
    writeFileSync(broken, "this is not a zip archive");
    const missing = path.join(dir, "missing.txt");
    const before = (await rowData()).length;
    const report = await invoke("import_files", { paths: await pick("documents", [broken, missing]), collection: null });
    expect(report.imported).toEqual([]);
    expect(report.errors.map((e) => e.path).sort()).toEqual([broken, missing].sort());
    for (const error of report.errors) expect(error.message.length).toBeGreaterThan(0);
    const after = await invoke("list_documents", { filter: null });
    expect(after.length).toBe(before);
  });
});
