import { describe, expect, it } from "vitest";
import type { Rubric } from "../../api";
import {
  bandRange,
  bandScore,
  beyondTolerance,
  clampScore,
  levelIndex,
  markText,
  previewTotal,
  progressText,
  scoredCount,
  weightShare,
  wordStatus,
} from "./scoring";

const levels = [
  { min: 0, max: 3, descriptor: "weak" },
  { min: 4, max: 6, descriptor: "fair" },
  { min: 7, max: 8, descriptor: "good" },
  { min: 9, max: 10, descriptor: "excellent" },
];
const rubric: Rubric = {
  name: "competition",
  criteria: [
    { name: "Argument", weight: 30, max: 10, levels },
    { name: "Evidence", weight: 25, max: 10, levels },
    { name: "Theme", weight: 20, max: 10, levels },
    { name: "Writing", weight: 15, max: 10, levels },
    { name: "Referencing", weight: 10, max: 5, levels: [] },
  ],
};

describe("scores as typed", () => {
  it("clamps to 0..max and reads commas as points", () => {
    expect(clampScore("7", 10)).toBe(7);
    expect(clampScore("12", 10)).toBe(10);
    expect(clampScore("-3", 10)).toBe(0);
    expect(clampScore("6,5", 10)).toBe(6.5);
    expect(clampScore(" ", 10)).toBeNull();
    expect(clampScore("seven", 10)).toBeNull();
  });
  it("finds the band a score is in, the band below in a gap", () => {
    const c = rubric.criteria[0];
    expect(levelIndex(c, 0)).toBe(0);
    expect(levelIndex(c, 3.5)).toBe(0);
    expect(levelIndex(c, 8)).toBe(2);
    expect(levelIndex(c, 10)).toBe(3);
    expect(levelIndex(c, null)).toBe(-1);
  });
  it("sets a band's top unless the score is already in it", () => {
    expect(bandScore(levels[2], null)).toBe(8);
    expect(bandScore(levels[2], 7)).toBe(7);
    expect(bandScore(levels[2], 3)).toBe(8);
    expect(bandRange(levels[1])).toBe("4–6");
    expect(bandRange({ min: 10, max: 10, descriptor: "" })).toBe("10");
  });
});

describe("the live total", () => {
  it("is the weighted percentage once every criterion is scored", () => {
    const full = { Argument: 10, Evidence: 10, Theme: 10, Writing: 10, Referencing: 5 };
    expect(previewTotal(rubric, full)).toBe(100);
    expect(previewTotal(rubric, { ...full, Argument: 5, Referencing: 0 })).toBe(75);
    expect(previewTotal(rubric, { Argument: 7, Evidence: 6, Theme: 8, Writing: 7, Referencing: 3 })).toBe(68.5);
  });
  it("waits for every criterion", () => {
    expect(previewTotal(rubric, { Argument: 7 })).toBeNull();
    expect(previewTotal(rubric, { Argument: 7, Evidence: null })).toBeNull();
    expect(scoredCount(rubric, { Argument: 7, Evidence: null, Theme: 0 })).toBe(2);
  });
  it("prints weights as shares", () => {
    expect(weightShare(rubric, rubric.criteria[0])).toBe("30%");
  });
});

describe("what the screens print", () => {
  it("prints marks with at most two decimals", () => {
    expect(markText(null)).toBe("—");
    expect(markText(62.5)).toBe("62.5");
    expect(markText(66.666666)).toBe("66.67");
  });
  it("flags a spread beyond the tolerance", () => {
    expect(beyondTolerance(10, 0.1)).toBe(false);
    expect(beyondTolerance(10.5, 0.1)).toBe(true);
    expect(beyondTolerance(null, 0.1)).toBe(false);
  });
  it("compares word counts with the limits", () => {
    expect(wordStatus(700, 750, 1000)).toBe("under");
    expect(wordStatus(1001, 750, 1000)).toBe("over");
    expect(wordStatus(900, 750, 1000)).toBe("ok");
    expect(wordStatus(900, null, null)).toBe("ok");
    expect(wordStatus(null, 750, 1000)).toBe("unknown");
  });
  it("says how far a marker is", () => {
    expect(progressText(1, 2)).toBe("1 of 2 marked");
  });
});
