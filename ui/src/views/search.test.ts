import { describe, expect, it } from "vitest";
import { hitHref, matchedWords, snippetParts } from "./search";

// A hit as `quire search poverty-aware --json` gives it for Omar Mohamed's essay.
const omar = {
  snippet: "Poverty-aware social work can be seen in the collaboration of social workers working with anti-poverty charities such as ATD Fourth World. For example, BASW's collaboration",
  highlights: [
    [0, 7],
    [8, 13],
  ] as [number, number][],
};

describe("search snippets", () => {
  it("takes the matched words from the spans, once each, lower-cased", () => {
    expect(matchedWords(omar)).toEqual(["poverty", "aware"]);
  });

  it("reads the snippet as plain text: markup and entities are just characters", () => {
    const snippet = "<b>x</b> &amp; Fraser's";
    expect(snippetParts({ snippet, highlights: [[9, 14]] })).toEqual([
      { text: "<b>x</b> ", matched: false },
      { text: "&amp;", matched: true },
      { text: " Fraser's", matched: false },
    ]);
    expect(matchedWords({ snippet, highlights: [] })).toEqual([]);
  });

  it("counts spans in code points, so text after an emoji or astral letter stays aligned", () => {
    const snippet = "😀 Müller on 𝒳 poverty";
    expect(matchedWords({ snippet, highlights: [[2, 8], [14, 21]] })).toEqual(["müller", "poverty"]);
  });

  it("clips spans that overlap, run backwards or past the end", () => {
    const parts = snippetParts({ snippet: "abcdef", highlights: [[1, 3], [2, 4], [5, 2], [5, 99]] });
    expect(parts).toEqual([
      { text: "a", matched: false },
      { text: "bc", matched: true },
      { text: "d", matched: true },
      { text: "e", matched: false },
      { text: "f", matched: true },
    ]);
    expect(parts.map((p) => p.text).join("")).toBe("abcdef");
  });

  it("opens a paragraph hit at its paragraph with its words to mark", () => {
    expect(hitHref({ doc: 6, paragraph: 4, ...omar })).toBe("#/doc/6/p/4?hl=poverty+aware");
    expect(hitHref({ doc: 6, paragraph: null, snippet: "Omar Mohamed", highlights: [[5, 12]] })).toBe("#/doc/6");
  });
});
