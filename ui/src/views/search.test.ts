import { describe, expect, it } from "vitest";
import { hitHref, matchedWords } from "./search";

// A hit as the engine gives it for Omar Mohamed's essay and "poverty-aware".
const omar = {
  parts: [
    { text: "Poverty", matched: true },
    { text: "-", matched: false },
    { text: "aware", matched: true },
    {
      text: " social work can be seen in the collaboration of social workers working with anti-poverty charities such as ATD Fourth World. For example, BASW's collaboration",
      matched: false,
    },
  ],
};

describe("search snippets", () => {
  it("takes the matched words from the engine's parts, once each, lower-cased", () => {
    expect(matchedWords(omar)).toEqual(["poverty", "aware"]);
    expect(matchedWords({ parts: [...omar.parts, { text: "POVERTY", matched: true }] })).toEqual(["poverty", "aware"]);
  });

  it("reads parts as plain text: markup and entities are just characters", () => {
    const parts = [
      { text: "<b>x</b> ", matched: false },
      { text: "&amp; Müller's", matched: true },
    ];
    expect(matchedWords({ parts })).toEqual(["amp", "müller", "s"]);
    expect(matchedWords({ parts: [{ text: "<b>x</b>", matched: false }] })).toEqual([]);
    expect(matchedWords({ parts: [] })).toEqual([]);
  });

  it("opens a paragraph hit at its paragraph with its words to mark", () => {
    expect(hitHref({ doc: 6, paragraph: 4, ...omar })).toBe("#/doc/6/p/4?hl=poverty+aware");
    expect(hitHref({ doc: 6, paragraph: 0, parts: [{ text: "nothing matched", matched: false }] })).toBe("#/doc/6/p/0");
    expect(
      hitHref({
        doc: 6,
        paragraph: null,
        parts: [
          { text: "Omar ", matched: false },
          { text: "Mohamed", matched: true },
        ],
      }),
    ).toBe("#/doc/6");
  });
});
