import { byTestId, libraryRows, openLibrary, rowData, screenshot } from "../support.js";

const AUTHORS = ["Holly Clarke", "Omar Mohamed", "Charlotte Pitt", "Verity Clarke"];

describe("the sample library on first launch", () => {
  before(async () => {
    await openLibrary();
    await libraryRows(AUTHORS.length);
  });

  it("lists the four competition essays with their authors and universities", async () => {
    const essays = (await rowData()).filter((r) => r.kind === "essay");
    for (const author of AUTHORS) {
      expect(essays.some((r) => r.author === author)).toBe(true);
    }
    const verity = essays.find((r) => r.author === "Verity Clarke" && r.duplicate === null);
    expect(verity.affiliation).toContain("Dundee");
    expect(essays.find((r) => r.author === "Holly Clarke").affiliation).toContain("Lincoln");
  });

  it("lists the sources too", async () => {
    const sources = (await rowData()).filter((r) => r.kind === "source");
    expect(sources.length).toBeGreaterThanOrEqual(3);
  });

  it("marks the copy of an essay as a duplicate of the other", async () => {
    const rows = await rowData();
    const copies = rows.filter((r) => r.duplicate !== null);
    expect(copies.length).toBeGreaterThanOrEqual(1);
    const [, original] = copies[0].duplicate.match(/^duplicate of #(\d+)$/);
    expect(rows.some((r) => r.id === Number(original))).toBe(true);
  });

  it("flags an essay outside the 750–1000 word limits", async () => {
    const flagged = (await rowData()).filter((r) => r.limit !== null);
    expect(flagged.length).toBeGreaterThanOrEqual(1);
    for (const row of flagged) {
      const words = Number(row.words.replace(/,/g, ""));
      if (row.limit === "under 750") {
        expect(words).toBeLessThan(750);
      } else {
        expect(row.limit).toBe("over 1000");
        expect(words).toBeGreaterThan(1000);
      }
    }
    await screenshot("library");
  });

  it("narrows the list with the filter box", async () => {
    await browser.keys("/");
    const filter = await $(byTestId("filter-input"));
    await expect(filter).toBeFocused();
    await filter.setValue("Dundee");
    const rows = await rowData();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r.affiliation.includes("Dundee") || r.title.includes("Dundee"))).toBe(true);
    // Clear it as a person would, so the view sees the input events.
    await browser.keys(["Control", "a"]);
    await browser.keys(["Backspace"]);
    await browser.keys(["Escape"]);
    expect((await rowData()).length).toBeGreaterThan(rows.length);
  });

  it("moves with j/k and opens the selection with Enter", async () => {
    await libraryRows(AUTHORS.length);
    await browser.keys(["j"]);
    await browser.keys(["j"]);
    const selected = await $(`${byTestId("doc-row")}[aria-selected="true"]`);
    const id = await selected.getAttribute("data-id");
    await browser.keys(["Enter"]);
    await $(byTestId("reader-title")).waitForDisplayed();
    expect(await browser.execute(() => location.hash)).toBe(`#/doc/${id}`);
    await browser.keys(["Escape"]);
    await $(byTestId("doc-table")).waitForDisplayed();
  });

  it("shows the keyboard shortcuts with ?", async () => {
    await browser.keys(["?"]);
    const dialog = await $(byTestId("shortcuts"));
    await dialog.waitForDisplayed();
    await browser.keys(["Escape"]);
    await dialog.waitForDisplayed({ reverse: true });
  });
});

describe("reading an essay", () => {
  it("opens Verity Clarke's essay with its text and references", async () => {
    await openLibrary();
    const verity = (await rowData()).find((r) => r.author === "Verity Clarke" && r.kind === "essay" && r.duplicate === null);
    await $(`${byTestId("doc-row")}[data-id="${verity.id}"] ${byTestId("doc-title")}`).click();
    await expect($(byTestId("reader-title"))).toBeDisplayed();
    await expect($(byTestId("reader-byline"))).toHaveText(expect.stringContaining("Verity Clarke"));
    await expect($(byTestId("reader-body"))).toHaveText(
      expect.stringContaining("Social work, though notoriously difficult to define"),
    );
    const references = await $$(`${byTestId("reader-references")} li`);
    expect(references.length).toBeGreaterThan(3);
    await expect($(byTestId("reader-words"))).toHaveText(expect.stringMatching(/\d+ words/));
    await screenshot("reader");
  });

  it("reads well in the dark theme too", async () => {
    await $(byTestId("theme-toggle")).click();
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === "dark");
    await screenshot("reader-dark");
    await $(byTestId("theme-toggle")).click();
  });

  it("goes back to the library with Backspace", async () => {
    await browser.keys(["Backspace"]);
    await expect($(byTestId("doc-table"))).toBeDisplayed();
  });
});
