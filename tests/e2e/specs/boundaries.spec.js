// The app's boundaries with the rest of the computer: it reads and writes
// only files the person chose, and its window never leaves the app. The
// dialogs and the browser are the app's test hooks (support.js: pickNext,
// openedUrls); everything else is the real app.

import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { byTestId, invoke, openedUrls, pick, pickNext, root, screenshot } from "../support.js";

const ESSAY = path.join(root, "tests/fixtures/format/second-essay.txt");

/** The error a command fails with, or null when it succeeds. */
async function failure(command, args) {
  try {
    await invoke(command, args);
    return null;
  } catch (err) {
    return err.message;
  }
}

/** Where the window is: the app's own page unless something navigated it. */
const here = () => browser.execute(() => location.href);

describe("files: only those the person chose", () => {
  const out = mkdtempSync(path.join(os.tmpdir(), "quire-e2e-out-"));

  it("imports the files picked with the Import button", async () => {
    await $(byTestId("doc-table")).waitForDisplayed();
    pickNext([ESSAY]);
    await $(byTestId("import-button")).click();
    await expect($(byTestId("import-summary"))).toHaveText("Imported 1 document");
  });

  it("refuses a path the page names itself, and a picked path used twice", async () => {
    expect(await failure("import_files", { paths: [ESSAY], collection: null })).toContain("was not picked");
    expect(await failure("import_works", { paths: ["/etc/passwd"] })).toContain("/etc/passwd was not picked");
    const [granted] = await pick("works", [path.join(root, "tests/fixtures/format/items.json")]);
    expect((await invoke("import_works", { paths: [granted] })).errors).toEqual([]);
    expect(await failure("import_works", { paths: [granted] })).toContain("was not picked");
  });

  it("never writes where the page says, only where the save dialog said", async () => {
    const target = path.join(out, "stolen.bib");
    expect(await failure("export_works", { ids: [1], format: "bibtex", path: target })).toContain("was not picked in a save dialog");
    expect(await failure("export_list", { name: "any", format: "text", path: target })).toContain("was not picked in a save dialog");
    // A file picked to read is not a place to write.
    const [read] = await pick("documents", [target]);
    expect(await failure("export_works", { ids: [1], format: "bibtex", path: read })).toContain("was not picked in a save dialog");
    expect(existsSync(target)).toBe(false);
  });

  it("exports the works to the file chosen in the save dialog", async () => {
    const target = path.join(out, "works.ris");
    await $(byTestId("nav-works")).click();
    await $(byTestId("works-table")).waitForDisplayed();
    pickNext([target]);
    await $(byTestId("works-export")).selectByAttribute("value", "ris");
    await expect($(byTestId("works-status"))).toHaveText(expect.stringContaining(`to ${target}`));
    expect(readFileSync(target, "utf8")).toContain("TY  - ");
  });

  it("loads a style only from a bundled name or a picked file", async () => {
    await invoke("create_list", { name: "Styles", purpose: "reading" });
    expect(await failure("set_list_style", { name: "Styles", style: "/etc/hostname" })).toContain("was not picked");
    expect(await failure("list_works", { filter: null, style: "/etc/hostname" })).toContain("unknown style");
    const [picked] = await pick("style", [ESSAY]);
    // Picked, so it is read; it is not CSL, so it is refused for that reason instead.
    const message = await failure("set_list_style", { name: "Styles", style: picked });
    expect(message).not.toBeNull();
    expect(message).not.toContain("was not picked");
    expect(await failure("set_list_style", { name: "Styles", style: "apa" })).toBeNull();
  });
});

describe("the window: it never leaves the app", () => {
  let home;

  before(async () => {
    await browser.execute(() => (location.hash = "#/library"));
    await $(byTestId("doc-table")).waitForDisplayed();
    home = await here();
  });

  it("opens a DOI link of a formatted entry in the browser and stays", async () => {
    await browser.execute(() => (location.hash = "#/works"));
    const search = await $(byTestId("works-search"));
    await search.waitForDisplayed();
    await search.setValue("doi.org");
    const link = await $(`${byTestId("work-entry")} a[href^="https://doi.org/"]`);
    await link.waitForExist({ timeoutMsg: "no formatted entry has a DOI link" });
    const href = await link.getAttribute("href");
    await link.click();
    await browser.waitUntil(() => openedUrls().includes(href), { timeoutMsg: `${href} was not opened in the browser` });
    expect(await here()).toBe(home.replace("#/library", "#/works"));
    await expect($(byTestId("works-table"))).toBeDisplayed();
    await screenshot("after-doi-link");
  });

  it("opens a web address set as window.location in the browser and stays", async () => {
    const before = await here();
    await browser.execute(() => (window.location = "https://example.org/elsewhere"));
    await browser.waitUntil(() => openedUrls().includes("https://example.org/elsewhere"), {
      timeoutMsg: "the address was not opened in the browser",
    });
    expect(await here()).toBe(before);
    await expect($(byTestId("works-table"))).toBeDisplayed();
  });

  it("refuses other schemes without opening anything", async () => {
    const before = await here();
    const opened = openedUrls().length;
    await browser.execute(() => (window.location = "file:///etc/passwd"));
    await browser.execute(() => (window.location = "data:text/html,<h1>elsewhere</h1>"));
    await browser.pause(500);
    expect(await here()).toBe(before);
    expect(openedUrls().length).toBe(opened);
    await expect($(byTestId("works-table"))).toBeDisplayed();
  });
});
