// Pure helpers for what the views print; tested in format.test.ts.

import type { DocRow, Kind, LimitFlag } from "./api";

/** "under 750" / "over 1000": the badge next to a word count outside its collection's limits. */
export function limitBadge(flag: LimitFlag | null, min: number | null, max: number | null): string | null {
  if (flag === "under") return min === null ? "under limit" : `under ${min}`;
  if (flag === "over") return max === null ? "over limit" : `over ${max}`;
  return null;
}

/** "750–1000 words", "at least 750 words", or null when the collection sets no limit. */
export function limitRange(min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return `${min}–${max} words`;
  if (min !== null) return `at least ${min} words`;
  if (max !== null) return `at most ${max} words`;
  return null;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** "4 essays, 5 sources" for the rows shown. */
export function countLine(rows: Pick<DocRow, "kind">[]): string {
  const count = (kind: Kind) => rows.filter((r) => r.kind === kind).length;
  return `${plural(count("essay"), "essay")}, ${plural(count("source"), "source")}`;
}

/** Case- and accent-insensitive folding for the filter box. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Does every word of the query occur in the row's title, people, places or file name? */
export function matchesQuery(row: DocRow, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([row.title, row.author, row.affiliation, row.collection, row.origin, `#${row.id}`].join(" "));
  return words.every((w) => haystack.includes(w));
}
