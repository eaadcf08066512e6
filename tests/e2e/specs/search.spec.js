import { byTestId, openLibrary, libraryRows, screenshot } from "../support.js";

describe("search and themes", () => {
  before(async () => {
    await openLibrary();
    await libraryRows(4);
  });

  it("opens the search palette with Ctrl+K and shows hits as you type", async () => {
    await browser.keys(["Control", "k"]);
    const input = await $(byTestId("search-input"));
    await input.waitForDisplayed();
    expect(await input.isFocused()).toBe(true);
    await input.setValue("poverty aware");
    await browser.waitUntil(async () => (await $$(byTestId("search-hit")).length) > 0, {
      timeoutMsg: "no search hits for 'poverty aware'",
    });
    const hits = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="search-hit"]')].map((li) => ({
        text: li.textContent,
        bold: [...li.querySelectorAll('[data-testid="search-snippet"] b')].map((b) => b.textContent.toLowerCase()),
        markup: li.querySelector('[data-testid="search-snippet"]').innerHTML,
      })),
    );
    expect(hits[0].text).toContain("Omar Mohamed");
    expect(hits[0].bold).toContain("poverty");
    expect(hits[0].bold).toContain("aware");
    // Escaped text stays text: no entity is shown raw and no tag but <b> is made.
    for (const hit of hits) {
      expect(hit.text).not.toMatch(/&(amp|#x27|lt|gt);/);
      expect(hit.markup.replace(/<\/?b>/g, "")).not.toMatch(/<[a-z]/i);
    }
    expect(await $(`${byTestId("facet-kind")} ${byTestId("facet-chip")}`).isDisplayed()).toBe(true);
    await screenshot("search-palette");
  });

  it("filters by a facet and tells what part of a query it ignored", async () => {
    await $(`${byTestId("facet-chip")}[data-facet="kind"][data-value="essay"]`).click();
    await browser.waitUntil(async () =>
      (await $(`${byTestId("facet-chip")}[data-value="essay"]`).getAttribute("aria-pressed")) === "true",
    );
    const kinds = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="search-hit"] .hit-where')].map((s) => s.textContent.split(" ·")[0]),
    );
    expect(kinds.every((k) => k === "essay")).toBe(true);
    await $(`${byTestId("facet-chip")}[data-value="essay"]`).click();
    await $(byTestId("search-input")).setValue("poverty aware NOT");
    await $(byTestId("search-ignored")).waitForDisplayed();
    await $(byTestId("search-input")).setValue("poverty aware");
  });

  it("opens a hit in the reader at its paragraph with the words marked", async () => {
    await browser.waitUntil(async () => (await $$(byTestId("search-hit")).length) > 0);
    await browser.keys("Enter");
    await $(byTestId("reader-title")).waitForDisplayed();
    expect(await $(byTestId("reader-byline")).getText()).toContain("Omar Mohamed");
    const target = await $(byTestId("search-target"));
    await target.waitForDisplayed();
    expect((await target.getText()).toLowerCase()).toContain("poverty");
    const marks = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="search-target"] mark')].map((m) => m.textContent.toLowerCase()),
    );
    expect(marks).toContain("poverty");
    expect(marks).toContain("aware");
    expect(await target.isDisplayed({ withinViewport: true })).toBe(true);
    await screenshot("search-reader");
  });

  it("lists the starter themes with counts and a heat map", async () => {
    await $(byTestId("nav-themes")).click();
    await $(byTestId("theme-list")).waitForDisplayed();
    const names = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="theme-row"]')].map((li) => li.dataset.name),
    );
    expect(names).toContain("Poverty");
    expect(names.length).toBeGreaterThanOrEqual(4);
    // The heat map (drawn by ECharts, views/insights/themes-map.ts): a cell per theme and document.
    const figure = await $(byTestId("chart-themes"));
    await browser.waitUntil(async () => (await figure.getAttribute("data-finished")) !== null, { timeoutMsg: "no heat map drawn" });
    expect(Number(await figure.getAttribute("data-drawn"))).toBeGreaterThan(names.length);
    await screenshot("themes");
  });

  it("shows a theme's paragraphs and supporting references", async () => {
    await $(`${byTestId("theme-row")}[data-name="Poverty"] ${byTestId("theme-link")}`).click();
    await $(byTestId("theme-title")).waitForDisplayed();
    expect(await $(byTestId("theme-title")).getText()).toBe("Poverty");
    expect((await $$(byTestId("theme-paragraph"))).length).toBeGreaterThan(0);
    expect((await $$(byTestId("theme-work"))).length).toBeGreaterThan(0);
    const works = await browser.execute(() => [...document.querySelectorAll('[data-testid="theme-work"]')].map((li) => li.textContent));
    expect(works.some((w) => w.startsWith("Krumer-Nevo"))).toBe(true);
    await expect($(byTestId("theme-add-to-list"))).toHaveText(expect.stringMatching(/^Add \d+ works? to list$/));
  });

  it("adds a suggested theme with one click and deletes it", async () => {
    const before = (await $$(byTestId("theme-row"))).length;
    const chip = await $(byTestId("theme-suggestion"));
    await chip.waitForDisplayed();
    await chip.scrollIntoView({ block: "center" });
    await chip.click();
    await browser.waitUntil(async () => (await $$(byTestId("theme-row"))).length === before + 1, {
      timeoutMsg: "clicking a suggestion added no theme",
    });
    const added = await $$(byTestId("theme-row"));
    await browser.execute(() => (window.confirm = () => true));
    await added[added.length - 1].$(byTestId("theme-delete")).click();
    await browser.waitUntil(async () => (await $$(byTestId("theme-row"))).length === before);
  });

  it("adds the works a search's results cite to a new reading list", async () => {
    await browser.keys(["Control", "k"]);
    const input = await $(byTestId("search-input"));
    await input.waitForDisplayed();
    await input.setValue('"structural disadvantage"');
    await browser.waitUntil(async () => (await $$(byTestId("search-hit")).length) > 0);
    await $(byTestId("search-collect-name")).setValue("Structural disadvantage");
    await $(byTestId("search-collect")).click();
    const link = await $(`${byTestId("search-collect-status")} ${byTestId("added-list-link")}`);
    await link.waitForDisplayed({ timeoutMsg: "no confirmation that works were added" });
    await expect($(byTestId("search-collect-status"))).toHaveText(expect.stringMatching(/^Added \d+ works? to Structural disadvantage\.$/));
    await link.click();
    await expect($(byTestId("list-title"))).toHaveText("Structural disadvantage");
    await expect($(byTestId("search-palette"))).not.toBeDisplayed();
    await browser.waitUntil(async () => (await $(byTestId("list-preview-body")).getText()).includes("Krumer-Nevo"), {
      timeoutMsg: "Krumer-Nevo, cited in the paragraph on structural disadvantage, is not in the list",
    });
    await screenshot("search-collected-list");
  });
});
