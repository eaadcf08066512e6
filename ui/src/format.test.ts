import { describe, expect, it } from "vitest";
import type { DocRow } from "./api";
import { countLine, limitBadge, limitRange, matchesQuery } from "./format";

const row = (over: Partial<DocRow> = {}): DocRow => ({
  id: 4,
  kind: "essay",
  title: "Working better together",
  author: "Verity Clarke",
  affiliation: "University of Dundee",
  word_count: 987,
  duplicate_of: null,
  collection_id: 1,
  collection: "World Social Work Day 2020",
  year: 2020,
  origin: "world-social-work-day-competition-2020.txt",
  limit_flag: null,
  ...over,
});

describe("limit badges", () => {
  it("names the broken limit", () => {
    expect(limitBadge("under", 750, 1000)).toBe("under 750");
    expect(limitBadge("over", 750, 1000)).toBe("over 1000");
    expect(limitBadge(null, 750, 1000)).toBeNull();
  });
  it("describes a collection's range", () => {
    expect(limitRange(750, 1000)).toBe("750–1000 words");
    expect(limitRange(null, 1000)).toBe("at most 1000 words");
    expect(limitRange(null, null)).toBeNull();
  });
});

describe("library filter", () => {
  it("matches every word anywhere, ignoring case and accents", () => {
    expect(matchesQuery(row(), "clarke dundee")).toBe(true);
    expect(matchesQuery(row({ author: "Zoë Brontë" }), "zoe bronte")).toBe(true);
    expect(matchesQuery(row(), "clarke lincoln")).toBe(false);
    expect(matchesQuery(row(), "  ")).toBe(true);
  });
  it("counts essays and sources", () => {
    expect(countLine([row(), row(), row({ kind: "source" })])).toBe("2 essays, 1 source");
  });
});
