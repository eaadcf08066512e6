import { byTestId, openLibrary, rowData, screenshot } from "../support.js";

/** Statuses of the citation spans in the body, by citation index. */
const statuses = () =>
  browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="reader-body"] .cite[data-cite]')].map((s) => [s.dataset.cite, s.dataset.status]),
    ),
  );

/** The name_mismatch issue for "Chan and Negai" in the audit panel. */
const chanIssue = async () => {
  for (const issue of await $$(`${byTestId("audit-issue")}[data-kind="name_mismatch"]`)) {
    if ((await issue.getText()).includes("Chan and Negai")) return issue;
  }
  return undefined;
};

describe("the citation audit in the reader", () => {
  before(async () => {
    await openLibrary();
    const holly = (await rowData()).find((r) => r.author === "Holly Clarke" && r.kind === "essay" && r.duplicate === null);
    await $(`${byTestId("doc-row")}[data-id="${holly.id}"] ${byTestId("doc-title")}`).click();
    await $(byTestId("reader-title")).waitForDisplayed();
    await $(byTestId("audit-issues")).waitForDisplayed();
  });

  it("colours each citation by what the audit found", async () => {
    const found = Object.values(await statuses());
    expect(found.length).toBeGreaterThan(10);
    expect(found).toContain("ok");
    expect(found.some((s) => s === "missing_reference" || s.endsWith("_mismatch"))).toBe(true);
    const colours = await browser.execute(() => {
      const colour = (status) => {
        const span = document.querySelector(`.cite[data-cite][data-status="${status}"]`);
        return span && getComputedStyle(span).backgroundColor;
      };
      return { ok: colour("ok"), mismatch: colour("name_mismatch") };
    });
    expect(colours.ok).not.toBe(colours.mismatch);
  });

  it("lists the misspelt Chan and Ngai as a name mismatch and jumps to it", async () => {
    const issue = await chanIssue();
    expect(issue).toBeDefined();
    const index = await issue.getAttribute("data-citation");
    await issue.click();
    const span = await $(`${byTestId("reader-body")} .cite[data-cite="${index}"]`);
    await expect(span).toHaveText(expect.stringContaining("Chan and Negai"));
    await expect(span).toHaveElementClass("flash");
    await browser.waitUntil(() => span.isDisplayed({ withinViewport: true }), { timeoutMsg: "the citation was not scrolled into view" });
    await screenshot("audit");
  });

  it("shows the matched entry when a citation is clicked", async () => {
    const index = await (await chanIssue()).getAttribute("data-citation");
    await $(`${byTestId("reader-body")} .cite[data-cite="${index}"]`).click();
    const popover = await $(byTestId("cite-popover"));
    await popover.waitForDisplayed();
    await expect($(byTestId("pop-status"))).toHaveText("Name mismatch");
    await expect($(byTestId("pop-reference"))).toHaveText(expect.stringContaining("Ngai"));
    await screenshot("audit-popover");
    await browser.keys(["Escape"]);
    await popover.waitForDisplayed({ reverse: true });
    await expect($(byTestId("reader-title"))).toBeDisplayed();
  });

  it("hides and shows the panel with a, and steps through issues with n", async () => {
    await browser.keys(["a"]);
    await $(byTestId("audit-panel")).waitForDisplayed({ reverse: true });
    await browser.keys(["n"]);
    await $(byTestId("audit-panel")).waitForDisplayed();
    await expect($(`${byTestId("audit-issue")}[aria-current="true"]`)).toBeDisplayed();
  });

  it("re-checks the citations after a parse is corrected", async () => {
    const issue = await chanIssue();
    const [citation, index] = [await issue.getAttribute("data-citation"), await issue.getAttribute("data-reference")];
    const entry = await $(`${byTestId("ref-entry")}[data-ref="${index}"]`);
    await entry.$(".ref-head").click();
    await entry.$(byTestId("ref-edit")).click();
    const form = await $(byTestId("ref-form"));
    await browser.execute(() => {
      document.querySelector('[data-testid="ref-form"] textarea[name="author"]').value = "Chan, C.\nNegai, S.";
    });
    await form.$(byTestId("ref-save")).click();
    await form.waitForExist({ reverse: true });
    // The misspelt citation now matches; the correctly spelt one elsewhere no longer does.
    await browser.waitUntil(async () => (await statuses())[citation] === "ok", { timeoutMsg: "the citation stayed a mismatch" });
    await expect($(`${byTestId("audit-issue")}[data-citation="${citation}"]`)).not.toBeExisting();
    await expect(entry).toHaveText(expect.stringContaining("Chan, C.; Negai, S."));
    await screenshot("audit-corrected");
  });

  it("reads well in the dark theme too", async () => {
    await $(byTestId("theme-toggle")).click();
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.dataset.theme)) === "dark");
    await screenshot("audit-dark");
    await $(byTestId("theme-toggle")).click();
  });
});
