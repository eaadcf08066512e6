import { describe, expect, it } from "vitest";
import { hitHref, matchedWords } from "./search";

// Snippets as `quire search "poverty aware" --json` gives them for Omar Mohamed's essay.
const omar =
  "<b>Poverty</b>-<b>aware</b> social work can be seen in the collaboration of social workers working with anti-<b>poverty</b> charities such as ATD Fourth World. For example, BASW&#x27;s collaboration";

describe("search snippets", () => {
  it("takes the matched words from the <b> parts, once each, lower-cased", () => {
    expect(matchedWords(omar)).toEqual(["poverty", "aware"]);
  });

  it("decodes the engine's escapes before reading words", () => {
    expect(matchedWords("<b>Fraser&#x27;s</b> and <b>R&amp;D</b> &lt;b&gt;not&lt;/b&gt;")).toEqual(["fraser", "s", "r", "d"]);
  });

  it("counts only <b> as a match", () => {
    expect(matchedWords("<i>poverty</i> <script>x</script>")).toEqual([]);
  });

  it("opens a paragraph hit at its paragraph with its words to mark", () => {
    expect(hitHref({ doc: 6, paragraph: 4, snippet: omar })).toBe("#/doc/6/p/4?hl=poverty+aware");
    expect(hitHref({ doc: 6, paragraph: null, snippet: "Omar <b>Mohamed</b>" })).toBe("#/doc/6");
  });
});
