// Review arithmetic the UI needs before the engine answers: a score typed
// or picked clamped to its criterion, the level band a score falls in, a
// live preview of the weighted total while typing (the saved figure is
// always the engine's), and how marks, spreads, word counts and states are
// printed. Pure functions; tested in scoring.test.ts.

import type { MarkState, Rubric, RubricCriterion, RubricLevel } from "../../api";

/** A score as typed: a number within 0..max, or null for empty or not a number. */
export function clampScore(raw: string | number, max: number): number | null {
  const text = typeof raw === "number" ? String(raw) : raw.trim().replace(",", ".");
  if (text === "") return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return null;
  return Math.min(max, Math.max(0, n));
}

/** The index of the level band `score` falls in (in a gap: the band below), or -1 without one. */
export function levelIndex(criterion: RubricCriterion, score: number | null | undefined): number {
  if (score === null || score === undefined) return -1;
  let found = -1;
  criterion.levels.forEach((level, i) => {
    if (score >= level.min) found = i;
  });
  return found;
}

/**
 * The score clicking a band sets: the score kept if it is already in the
 * band, else the band's top (a marker picks "clear, sustained argument"
 * and then lowers it if need be).
 */
export function bandScore(level: RubricLevel, current: number | null | undefined): number {
  if (current !== null && current !== undefined && current >= level.min && current <= level.max) return current;
  return level.max;
}

/** "7–8", or "10" for a one-score band. */
export function bandRange(level: RubricLevel): string {
  return level.min === level.max ? fmt(level.min) : `${fmt(level.min)}–${fmt(level.max)}`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The weighted total (0–100) the engine will compute once every criterion
 * has a score (quire-review `Rubric::total`); null while one is missing.
 */
export function previewTotal(rubric: Rubric, scores: Record<string, number | null | undefined>): number | null {
  const weights = rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
  if (weights <= 0) return null;
  let sum = 0;
  for (const c of rubric.criteria) {
    const s = scores[c.name];
    if (s === null || s === undefined) return null;
    sum += c.weight * (Math.min(c.max, Math.max(0, s)) / c.max);
  }
  return round2((100 * sum) / weights);
}

/** How many criteria have a score. */
export function scoredCount(rubric: Rubric, scores: Record<string, number | null | undefined>): number {
  return rubric.criteria.filter((c) => scores[c.name] !== null && scores[c.name] !== undefined).length;
}

/** A criterion's weight as a share of the whole, e.g. "30%". */
export function weightShare(rubric: Rubric, criterion: RubricCriterion): string {
  const weights = rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
  return weights > 0 ? `${fmt(round2((100 * criterion.weight) / weights))}%` : "";
}

/** A number as a marker reads it: at most two decimals, no trailing zeros. */
export function fmt(n: number): string {
  return String(round2(n));
}

/** A mark or "—" when there is none yet. */
export function markText(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : fmt(n);
}

/** The tolerance (a share of 100) in marks: 0.1 → 10. */
export function toleranceMarks(tolerance: number): number {
  return round2(tolerance * 100);
}

/** Whether a spread is beyond the tolerance, as the engine flags it. */
export function beyondTolerance(spread: number | null, tolerance: number): boolean {
  return spread !== null && spread > toleranceMarks(tolerance) + 1e-9;
}

export type WordStatus = "under" | "over" | "ok" | "unknown";

/** A word count against a collection's limits. */
export function wordStatus(count: number | null, min: number | null, max: number | null): WordStatus {
  if (count === null) return "unknown";
  if (min !== null && count < min) return "under";
  if (max !== null && count > max) return "over";
  return "ok";
}

const STATE_LABEL: Record<MarkState, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  submitted: "Submitted",
};

export const stateLabel = (state: MarkState): string => STATE_LABEL[state];

/** "3 of 4 marked". */
export function progressText(submitted: number, allocated: number): string {
  return `${submitted} of ${allocated} marked`;
}
