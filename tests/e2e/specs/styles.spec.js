// Importing a CSL style from the list view: the file comes from the (test
// hook's) open dialog, the style is stored in the library, listed under
// "Imported styles" and chosen for the list, and the preview is formatted
// in it. A file that is no style shows the engine's reason instead.

import path from "node:path";

import { byTestId, invoke, pickNext, root } from "../support.js";

const LIST = "Styles reading";
const FIXTURES = path.join(root, "tests/fixtures/styles");
const DEPENDENT = path.join(FIXTURES, "british-journal-of-social-work.csl");
const NOT_A_STYLE = path.join(FIXTURES, "not-a-style.csl");
const IMPORT = "__import_style__";
// Compiling a style in the processor takes seconds in a debug build.
const SLOW = { timeout: 90_000 };

const previewText = async () => (await $(byTestId("list-preview-body"))).getText();
const statusText = async () => (await $(byTestId("list-status"))).getText();

describe("importing a citation style", () => {
  before(async () => {
    await $(byTestId("doc-table")).waitForDisplayed();
    await invoke("create_list", { name: LIST, purpose: "reading" });
    const page = await invoke("list_works", { filter: { query: "Spirit Level" }, style: null, offset: 0, limit: 1 });
    expect(page.rows.length).toBe(1);
    await invoke("add_to_list", { name: LIST, workIds: [page.rows[0].id], section: null, importance: null, note: null });
    await browser.execute((hash) => (location.hash = hash), `#/lists/${encodeURIComponent(LIST)}`);
    await expect($(byTestId("list-title"))).toHaveText(LIST);
  });

  it("previews the list in the default style first", async () => {
    await browser.waitUntil(async () => (await previewText()).includes("Wilkinson, R. and Pickett, K. (2010)"), {
      ...SLOW,
      timeoutMsg: "the preview never showed Cite Them Right Harvard",
    });
    expect(await $(byTestId("styles-imported")).isExisting()).toBe(false);
    const bundled = await $(byTestId("styles-bundled")).$$("option");
    expect(bundled.length).toBe(6);
  });

  it("imports a dependent style, lists it, selects it and formats the preview with its parent", async () => {
    pickNext([DEPENDENT]);
    await $(byTestId("list-style")).selectByAttribute("value", IMPORT);
    await browser.waitUntil(async () => (await statusText()).startsWith("Imported British Journal of Social Work"), {
      ...SLOW,
      timeoutMsg: "the style was not imported",
    });
    expect(await statusText()).toBe(
      "Imported British Journal of Social Work (formats with APA Style 7th edition); this list now uses it.",
    );
    const select = await $(byTestId("list-style"));
    expect(await select.getValue()).toBe("british-journal-of-social-work");
    const imported = await $(byTestId("styles-imported")).$$("option");
    expect(imported.length).toBe(1);
    expect(await imported[0].getText()).toBe("British Journal of Social Work");
    // APA's entry, in the dependent style's name.
    await browser.waitUntil(async () => (await previewText()).includes("Wilkinson, R., & Pickett, K. (2010)."), {
      ...SLOW,
      timeoutMsg: "the preview never changed to the imported style",
    });
    await expect($(byTestId("list-preview-style"))).toHaveText("British Journal of Social Work");
    const styles = await invoke("list_styles");
    expect(styles.map((s) => s.name)).toEqual([
      "harvard-cite-them-right",
      "apa",
      "chicago-author-date",
      "mla",
      "ieee",
      "vancouver",
      "british-journal-of-social-work",
    ]);
    expect(styles[6]).toEqual({
      name: "british-journal-of-social-work",
      title: "British Journal of Social Work",
      bundled: false,
      parent: "APA Style 7th edition",
      locale: "en-GB",
    });
    const list = (await invoke("list_lists")).find((l) => l.name === LIST);
    expect(list.style).toBe("british-journal-of-social-work");
  });

  it("shows why a file that is not a style is refused, and keeps the list's style", async () => {
    pickNext([NOT_A_STYLE]);
    await $(byTestId("list-style")).selectByAttribute("value", IMPORT);
    const status = await $(byTestId("list-status"));
    await browser.waitUntil(async () => (await statusText()).includes("not-a-style.csl"), {
      ...SLOW,
      timeoutMsg: "no error was shown for the invalid file",
    });
    expect(await statusText()).toContain("not a CSL <style>");
    expect(await status.getAttribute("class")).toContain("error");
    expect(await $(byTestId("list-style")).getValue()).toBe("british-journal-of-social-work");
    expect((await invoke("list_styles")).length).toBe(7);
    expect(await previewText()).toContain("Wilkinson, R., & Pickett, K. (2010).");
  });

  it("leaves everything as it was when the dialog is cancelled, and offers the import again", async () => {
    // Twice: WebKit fires no change event for the option chosen last, so
    // this checks that "Import style…" still works after a cancelled import
    // (a select left on it would read "__import_style__").
    for (let i = 0; i < 2; i++) {
      pickNext([]);
      await $(byTestId("list-style")).selectByAttribute("value", IMPORT);
      await browser.pause(500);
      expect(await $(byTestId("list-style")).getValue()).toBe("british-journal-of-social-work");
    }
    expect((await invoke("list_styles")).length).toBe(7);
  });

  it("refuses to remove a style the list uses, and removes it once the list has another", async () => {
    let message = null;
    try {
      await invoke("remove_style", { name: "british-journal-of-social-work" });
    } catch (err) {
      message = err.message;
    }
    expect(message).toContain("used by list `Styles reading`");
    await $(byTestId("list-style")).selectByAttribute("value", "apa");
    await browser.waitUntil(async () => (await statusText()) === "Style: APA Style 7th edition.", {
      ...SLOW,
      timeoutMsg: "the list did not switch to APA",
    });
    await invoke("remove_style", { name: "british-journal-of-social-work" });
    expect((await invoke("list_styles")).length).toBe(6);
  });
});
