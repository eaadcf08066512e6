// The review workspace, as a marker, a second marker and the coordinator
// use it on the sample library's blind round: mark an entry with comments
// on passages and on an audit finding, submit, find the comments again,
// double-mark it far apart, moderate it, reveal the names and export the
// results.

import { readFileSync, existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { byTestId, pickNext, screenshot } from "../support.js";

const ROUND = "World Social Work Day 2020";
const CODE = "E-001";
/** The entrant of E-001 in the sample (hidden until the reveal). */
const AUTHOR = "Holly Clarke";
/** A passage of E-001's third paragraph that the first marker comments on. */
const PASSAGE = "the practice wisdom of social workers";

const text = (selector) => $(selector).getText();

/** Chooses who the person acts as on the round's dashboard. */
async function actAs(who) {
  const picker = await $(byTestId("acting-as"));
  await picker.waitForDisplayed();
  await picker.selectByAttribute("value", who);
  if (who === "Coordinator") await $(byTestId("entries")).waitForDisplayed();
  else await $(byTestId("queue")).waitForDisplayed();
}

/** Opens entry `code` from the marker's queue. */
async function openFromQueue(code) {
  await $(`${byTestId("queue-row")}[data-code="${code}"] ${byTestId("queue-open")}`).click();
  await $(byTestId("mark-title")).waitForDisplayed();
  await browser.waitUntil(async () => (await text(byTestId("mark-code"))) === code);
}

/** Types `value` into criterion `name`'s score box and settles it with Enter. */
async function typeScore(name, value) {
  const input = await $(`${byTestId("criterion")}[data-criterion="${name}"] ${byTestId("score-input")}`);
  await input.click();
  await input.clearValue();
  await input.addValue(`${value}`);
  await browser.keys(["Enter"]);
}

/** Selects `phrase` in the entry's text by dragging the mouse over it. */
async function dragSelect(phrase) {
  const box = await browser.execute((phrase) => {
    const body = document.querySelector('[data-testid="mark-text"]');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(phrase);
      if (at === -1) continue;
      node.parentElement.scrollIntoView({ block: "center" });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + phrase.length);
      const rects = [...range.getClientRects()];
      const first = rects[0];
      const last = rects[rects.length - 1];
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    return null;
  }, phrase);
  expect(box).not.toBeNull();
  await browser
    .action("pointer")
    .move({ x: Math.round(box.x1), y: Math.round(box.y1), origin: "viewport" })
    .down()
    .move({ x: Math.round(box.x2), y: Math.round(box.y2), origin: "viewport", duration: 200 })
    .up()
    .perform();
  const selected = await browser.execute(() => String(window.getSelection()));
  expect(selected.trim()).toBe(phrase);
}

/** The text each comment highlight covers, by comment id. */
const highlights = () =>
  browser.execute(() => {
    const out = {};
    for (const mark of document.querySelectorAll('[data-testid="mark-text"] mark.comment-mark')) {
      out[mark.dataset.comment] = (out[mark.dataset.comment] ?? "") + mark.textContent;
    }
    return out;
  });

describe("the review workspace", () => {
  let firstTotal;
  let otherMarker;
  let commentIds = [];
  let citationText;

  it("opens the sample round from the Review entry of the navigation", async () => {
    await $(byTestId("nav-review")).click();
    const card = await $(`${byTestId("round-card")}[data-round="${ROUND}"]`);
    await card.waitForDisplayed();
    await expect(card).toHaveText(expect.stringContaining("Blind"));
    await card.$(byTestId("round-link")).click();
    await expect($(byTestId("round-title"))).toHaveText(ROUND);
  });

  it("shows Jon Dudley his queue and opens an entry he marks, names hidden", async () => {
    await actAs("Jon Dudley");
    await expect($(byTestId("queue-progress"))).toHaveText("0 of 4 marked");
    await screenshot("review-queue");
    await openFromQueue(CODE);
    await expect($(byTestId("mark-marker"))).toHaveText("Marking as Jon Dudley");
    await expect($(byTestId("mark-masked"))).toBeDisplayed();
    const article = await text(byTestId("mark-article"));
    expect(article).not.toContain(AUTHOR);
    expect(article).not.toContain("Lincoln");
    // Masked names in the text (if the entry names its author) are grey tokens.
    const masked = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="mark-article"] .masked')].map((m) => getComputedStyle(m).borderRadius),
    );
    expect(masked.length).toBeGreaterThan(0);
  });

  it("scores every criterion by level bands and by typing", async () => {
    const criteria = await $$(byTestId("criterion"));
    expect(criteria.length).toBe(5);
    for (const c of criteria) await c.$(`${byTestId("band")}[data-level="2"]`).click(); // 7–8 sets 8
    await typeScore("Structure and writing", 7);
    await typeScore("Referencing", 12); // clamped to the maximum
    const referencing = await $(`${byTestId("criterion")}[data-criterion="Referencing"] ${byTestId("score-input")}`);
    await expect(referencing).toHaveValue("10");
    // 30·0.8 + 25·0.8 + 20·0.8 + 15·0.7 + 10·1 = 80.5, previewed before saving.
    await expect($(byTestId("mark-total"))).toHaveText("80.5");
    await expect($(byTestId("mark-saved-total"))).toHaveText(expect.stringContaining("unsaved"));
    await $(byTestId("mark-save")).click();
    await browser.waitUntil(async () => (await text(byTestId("mark-saved-total"))) === "saved", { timeoutMsg: "the marking was not saved" });
    firstTotal = 80.5;
    await screenshot("review-scoring");
    await expect($(byTestId("mark-total"))).toHaveText("80.5");
  });

  it("comments on a selected passage", async () => {
    await dragSelect(PASSAGE);
    await $(byTestId("comment-start")).click();
    await $(byTestId("comment-input")).setValue("Good: name what this practice wisdom looks like in a video call.");
    await $(byTestId("comment-add")).click();
    await $(byTestId("comment-popover")).waitForDisplayed({ reverse: true });
    const marks = await highlights();
    expect(Object.values(marks)).toContain(PASSAGE);
    await expect($(byTestId("comment-list"))).toHaveText(expect.stringContaining("practice wisdom looks like"));
  });

  it("adds an audit finding as a comment anchored at its citation", async () => {
    await $(byTestId("panel-tab-audit")).click();
    const finding = await $(byTestId("finding"));
    const citation = await finding.getAttribute("data-citation");
    citationText = await $(`${byTestId("mark-text")} .cite[data-cite="${citation}"]`).getText();
    await finding.$(byTestId("finding-add")).click();
    await finding.$(byTestId("finding-added")).waitForDisplayed();
    const marks = await highlights();
    expect(Object.values(marks)).toContain(citationText);
    expect(Object.keys(marks).length).toBe(2);
    commentIds = Object.keys(marks);
  });

  it("writes an overall comment and submits; the marking becomes read-only", async () => {
    await $(byTestId("panel-tab-rubric")).click();
    await $(byTestId("overall-comment")).setValue("A thoughtful, well-evidenced case for online relationship building; tighten the referencing.");
    await $(byTestId("mark-submit")).click();
    await $(byTestId("mark-reopen")).waitForDisplayed();
    await expect($(byTestId("mark-total"))).toHaveText(String(firstTotal));
    await expect($(byTestId("state"))).toHaveText("Submitted");
    await expect($(byTestId("overall-comment"))).toBeDisabled();
    await $(byTestId("panel-tab-comments")).click();
    await screenshot("review-marking");
  });

  it("finds both comments at their passages when the entry is opened again", async () => {
    await $(byTestId("mark-back")).click();
    await $(byTestId("queue")).waitForDisplayed();
    await expect($(`${byTestId("queue-row")}[data-code="${CODE}"]`)).toHaveAttribute("data-state", "submitted");
    await expect($(byTestId("queue-progress"))).toHaveText("1 of 4 marked");
    await openFromQueue(CODE);
    await browser.waitUntil(async () => Object.keys(await highlights()).length === 2, { timeoutMsg: "the highlights were not drawn again" });
    const marks = await highlights();
    expect(Object.keys(marks).sort()).toEqual([...commentIds].sort());
    expect(Object.values(marks)).toContain(PASSAGE);
    expect(Object.values(marks)).toContain(citationText);
    await expect($(byTestId("lost-comments"))).not.toBeExisting();
    // Clicking a highlight focuses its comment.
    await $(`${byTestId("mark-text")} mark.comment-mark`).click();
    await expect($(`${byTestId("comment")}[aria-current="true"]`)).toBeDisplayed();
  });

  it("has the entry's other marker mark it more than 10 points lower", async () => {
    await $(byTestId("mark-back")).click();
    await actAs("Coordinator");
    const row = await $(`${byTestId("entry-row")}[data-code="${CODE}"]`);
    const markers = await row.$$(byTestId("entry-mark"));
    const names = [];
    for (const m of markers) names.push(await m.getAttribute("data-marker"));
    expect(names).toContain("Jon Dudley");
    otherMarker = names.find((n) => n !== "Jon Dudley");
    expect(otherMarker).toBe("Carol Reid");

    await actAs(otherMarker);
    await openFromQueue(CODE);
    await expect($(byTestId("mark-marker"))).toHaveText(`Marking as ${otherMarker}`);
    // Jon's comments are his: Carol starts with none.
    expect(Object.keys(await highlights()).length).toBe(0);
    for (const name of ["Argument and analysis", "Use of evidence", "Relevance to the theme", "Structure and writing", "Referencing"]) {
      await typeScore(name, 5);
    }
    await expect($(byTestId("mark-total"))).toHaveText("50");
    await $(byTestId("overall-comment")).setValue("Descriptive in places; the argument needs more analysis.");
    await $(byTestId("mark-submit")).click();
    await $(byTestId("mark-reopen")).waitForDisplayed();
    await expect($(byTestId("mark-total"))).toHaveText("50");
  });

  it("flags the entry for the coordinator, who records an agreed mark", async () => {
    await $(byTestId("mark-back")).click();
    await actAs("Coordinator");
    const row = await $(`${byTestId("entry-row")}[data-code="${CODE}"]`);
    await expect(row).toHaveAttribute("data-flagged", "true");
    await expect(row.$(byTestId("flagged"))).toHaveText("spread 30.5");
    await row.$(byTestId("moderate-link")).click();
    await $(byTestId("moderation-panel")).waitForDisplayed();
    await expect($(byTestId("moderation-flagged"))).toBeDisplayed();
    const totals = [];
    for (const t of await $$(byTestId("compare-total"))) totals.push(await t.getText());
    expect(totals).toEqual(["80.5", "50"]);
    await expect($(byTestId("moderation-text"))).toHaveText(expect.stringContaining(PASSAGE));
    await screenshot("review-moderation");

    await $(byTestId("agreed-input")).setValue("66");
    await $(byTestId("agreed-reason")).setValue("Second reading: the argument is strong but the evidence is thin in places.");
    await $(byTestId("agreed-save")).click();
    await browser.waitUntil(async () => (await text(byTestId("moderation-agreed"))) === "66", { timeoutMsg: "the agreed mark did not show" });
    await screenshot("review-moderated");
    await $(byTestId("moderation-back")).click();
    const after = await $(`${byTestId("entry-row")}[data-code="${CODE}"]`);
    await after.waitForDisplayed();
    await expect(after.$(byTestId("agreed"))).toHaveText("66");
    await expect(after.$(byTestId("moderated"))).toBeDisplayed();
  });

  it("reveals the names after a confirmation", async () => {
    await $(byTestId("reveal")).click();
    await $(byTestId("confirm")).waitForDisplayed();
    await $(byTestId("confirm-ok")).click();
    await $(byTestId("revealed-note")).waitForDisplayed();
    const row = await $(`${byTestId("entry-row")}[data-code="${CODE}"]`);
    await expect(row.$(byTestId("entry-author"))).toHaveText(expect.stringContaining(AUTHOR));
    await expect($(byTestId("reveal"))).not.toBeExisting();
    await screenshot("review-coordinator");
  });

  it("ranks the entries and exports the results as CSV", async () => {
    await $(byTestId("tab-results")).click();
    const row = await $(`${byTestId("result-row")}[data-code="${CODE}"]`);
    await row.waitForDisplayed();
    await expect(row.$(byTestId("result-agreed"))).toHaveText("66");
    await expect(row.$(byTestId("result-entrant"))).toHaveText(expect.stringContaining(AUTHOR));
    await screenshot("review-results");
    await row.$(byTestId("feedback-open")).click();
    await $(byTestId("feedback-sheet")).waitForDisplayed();
    await expect($(byTestId("feedback-sheet"))).toHaveText(expect.stringContaining("practice wisdom"));
    await screenshot("review-feedback");

    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "quire-review-")), "results.csv");
    pickNext([file]);
    await $(byTestId("export-results")).click();
    await browser.waitUntil(() => existsSync(file), { timeoutMsg: "no CSV was written" });
    await browser.waitUntil(async () => (await text(byTestId("results-status"))).includes("results.csv"));
    const lines = readFileSync(file, "utf8").split(/\r?\n/).filter(Boolean);
    expect(lines.length).toBe(5);
    const header = lines[0].split(",");
    expect(header.slice(0, 6)).toEqual(["code", "author", "affiliation", "rank", "rank_standardised", "agreed"]);
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows.map((r) => r[0]).sort()).toEqual(["E-001", "E-002", "E-003", "E-004"]);
    const first = rows.find((r) => r[0] === CODE);
    expect(first[1]).toBe(AUTHOR);
    expect(Number(first[header.indexOf("agreed")])).toBe(66);
  });
  it("creates a second round from the new-round form", async () => {
    await browser.execute(() => (location.hash = "#/review"));
    await $(byTestId("new-round")).waitForDisplayed();
    // WebKitWebDriver's screenshot hangs on a page no taller than the
    // window, which the rounds list alone is; the open form makes it taller.
    await $(byTestId("new-round")).click();
    await $(byTestId("new-round-form")).waitForDisplayed();
    await screenshot("review-index");
    // The form fits the window: nothing in it widens the page.
    expect(await browser.execute(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await $(byTestId("round-name")).setValue("Second reading");
    await $('[aria-label="Marker 1 name"]').setValue("Ada Lovell");
    await $('[aria-label="Marker 2 name"]').setValue("Ben Okri");
    const perEntry = await $(byTestId("round-per-entry"));
    await perEntry.clearValue();
    await perEntry.setValue("1");
    await $(byTestId("create-round")).click();
    // The new round opens for the coordinator: four entries, two each.
    await browser.waitUntil(async () => decodeURIComponent(await browser.execute(() => location.hash)).includes("Second reading"), {
      timeoutMsg: "the new round did not open",
    }).catch(async (e) => {
      await screenshot("review-create-failed");
      throw new Error(`${e.message}: ${await browser.execute(() => document.querySelector('[data-testid="new-round-form"]')?.innerText.slice(-300))}`);
    });
    await $(byTestId("entries")).waitForDisplayed();
    await browser.waitUntil(async () => (await $$(byTestId("entry-row"))).length === 4, { timeoutMsg: "the new round has no four entries" });
    await browser.execute(() => (location.hash = "#/review"));
    await browser.waitUntil(async () => (await $$(byTestId("round-card"))).length === 2, { timeoutMsg: "the rounds list does not show both rounds" });
  });
});
