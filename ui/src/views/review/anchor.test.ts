import { describe, expect, it } from "vitest";
import { anchorFor, charOffset, locate, shortQuote, stringOffset } from "./anchor";

const text = "Social workers and people who use services work better together when trust is earned.";

describe("anchors from a selection", () => {
  it("quotes the selection and counts its offsets in characters", () => {
    const start = text.indexOf("people");
    const a = anchorFor(3, text, start, start + "people who use services".length);
    expect(a).toEqual({ paragraph: 3, start, end: start + 23, quote: "people who use services" });
  });
  it("trims the spaces around a selection and refuses a blank one", () => {
    const start = text.indexOf(" trust ");
    expect(anchorFor(0, text, start, start + 7)?.quote).toBe("trust");
    expect(anchorFor(0, text, start, start + 1)).toBeNull();
  });
  it("takes a backwards selection as forwards", () => {
    expect(anchorFor(0, text, 14, 0)?.quote).toBe("Social workers");
  });
  it("counts an emoji or astral letter as one character", () => {
    const t = "a😀b𝒳c";
    expect(charOffset(t, t.indexOf("b"))).toBe(2);
    expect(stringOffset(t, 2)).toBe(t.indexOf("b"));
    expect(stringOffset(t, 4)).toBe(t.indexOf("c"));
    const a = anchorFor(0, t, t.indexOf("b"), t.length);
    expect(a).toEqual({ paragraph: 0, start: 2, end: 5, quote: "b𝒳c" });
    expect(locate(t, a!)).toEqual({ start: t.indexOf("b"), end: t.length });
  });
});

describe("finding an anchor again", () => {
  it("uses the offsets when the text there is still the quote", () => {
    const t = "trust, then trust again";
    expect(locate(t, { start: 12, end: 17, quote: "trust" })).toEqual({ start: 12, end: 17 });
  });
  it("otherwise takes the occurrence nearest to the offsets", () => {
    // The text moved (a name unmasked before it): the second "trust" is nearer.
    const t = "Carol Jones wrote: trust, then trust again";
    expect(locate(t, { start: 12, end: 17, quote: "trust" })).toEqual({ start: 19, end: 24 });
    expect(locate(t, { start: 30, end: 35, quote: "trust" })).toEqual({ start: 31, end: 36 });
  });
  it("searches from the start when there are no offsets (an audit finding)", () => {
    expect(locate(text, { start: null, end: null, quote: "trust" })).toEqual({ start: text.indexOf("trust"), end: text.indexOf("trust") + 5 });
  });
  it("reports a passage that is gone", () => {
    expect(locate(text, { start: 0, end: 6, quote: "Nursing" })).toBeNull();
    expect(locate(text, { start: 0, end: 0, quote: "" })).toBeNull();
  });
});

describe("short quotes", () => {
  it("cuts long quotes on a word", () => {
    expect(shortQuote("a  b\n c")).toBe("a b c");
    expect(shortQuote(text, 30)).toBe("Social workers and people who…");
  });
});
