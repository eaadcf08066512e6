// The citation audit of one document (src-tauri/src/commands/audit.rs): its
// shapes, the calls, and the plain-data helpers the reader's audit view uses.
// The shapes are those of one essay in `quire audit --json`.

import { call, type CslItem, type CslName } from "./api";

// The audit's shapes are wire types (crates/quire-api/src/wire/audit.rs),
// generated into ./bindings; `Audit` is the essay's audit.
import type { CitationResult, CitedIn, EssayAudit, Issue, IssueKind, ReferenceResult, Status } from "./bindings";
export type { CitationResult, CitedIn, Issue, IssueKind, ReferenceResult, Status };
export type Audit = EssayAudit;

export const auditDocument = (id: number) => call<Audit>("audit_document", { id });
/** Keeps the corrected parse of entry `position` and returns the audit redone with it. */
export const correctReference = (id: number, position: number, csl: CslItem) =>
  call<Audit>("correct_reference", { id, position, csl });

/** Issue kinds in the order the panel lists them, with the words it shows. */
export const KINDS: [IssueKind, string][] = [
  ["missing_reference", "Missing reference"],
  ["name_mismatch", "Name mismatch"],
  ["year_mismatch", "Year mismatch"],
  ["et_al_mismatch", "Et al. mismatch"],
  ["out_of_order_citation", "Cited out of order"],
  ["uncited_reference", "Uncited reference"],
  ["malformed_reference", "Incomplete reference"],
  ["no_reference_list", "No reference list"],
];

export const kindLabel = (kind: IssueKind): string => KINDS.find(([k]) => k === kind)?.[1] ?? kind;

/** The colour a status or issue gets: green, amber or red. */
export function tone(kind: Status | IssueKind): "ok" | "warn" | "bad" {
  switch (kind) {
    case "ok":
      return "ok";
    case "missing_reference":
    case "no_reference_list":
      return "bad";
    default:
      return "warn";
  }
}

/** Issues sorted as the panel lists them: by kind, then by place in the text. */
export function sortedIssues(issues: Issue[]): Issue[] {
  const rank = (i: Issue) => KINDS.findIndex(([k]) => k === i.kind);
  return [...issues].sort((a, b) => rank(a) - rank(b) || (a.citation ?? a.reference ?? 0) - (b.citation ?? b.reference ?? 0));
}

export function countByKind(issues: Issue[]): [IssueKind, number][] {
  return KINDS.map(([kind]) => [kind, issues.filter((i) => i.kind === kind).length] as [IssueKind, number]).filter(
    ([, n]) => n > 0,
  );
}

export function nameText(name: CslName): string {
  if (name.literal) return name.literal;
  return [name.family, name.given].filter(Boolean).join(", ");
}

export function yearOf(csl: CslItem): string {
  const year = csl.issued?.["date-parts"]?.[0]?.[0];
  if (year !== undefined) return `${year}${csl["year-suffix"] ?? ""}`;
  return csl.status ?? "";
}

/** "Chan and Ngai 2019": how an entry is cited, for lists and headings. */
export function shortLabel(csl: CslItem): string {
  const names = (csl.author?.length ? csl.author : (csl.editor ?? [])).map((n) => n.family ?? n.literal ?? "");
  const who =
    names.length === 0
      ? "No author"
      : names.length === 1
        ? names[0]
        : names.length === 2
          ? `${names[0]} and ${names[1]}`
          : `${names[0]} et al.`;
  return [who, yearOf(csl) || "no year"].join(" ");
}

/** Text fields of an entry the form edits, with their labels, in reading order. */
export const TEXT_FIELDS: [keyof CslItem & string, string][] = [
  ["title", "Title"],
  ["container-title", "In (journal, book, site)"],
  ["edition", "Edition"],
  ["volume", "Volume"],
  ["issue", "Issue"],
  ["page", "Pages"],
  ["publisher", "Publisher"],
  ["publisher-place", "Place"],
  ["DOI", "DOI"],
  ["URL", "URL"],
];

/** The parsed fields of an entry as label/value rows, only those present. */
export function parsedFields(csl: CslItem): [string, string][] {
  const rows: [string, string][] = [["Type", csl.type]];
  if (csl.author?.length) rows.push(["Author", csl.author.map(nameText).join("; ")]);
  if (csl.editor?.length) rows.push(["Editor", csl.editor.map(nameText).join("; ")]);
  const year = yearOf(csl);
  if (year) rows.push(["Year", year]);
  for (const [key, label] of TEXT_FIELDS) {
    const value = csl[key];
    if (typeof value === "string" && value) rows.push([label, value]);
  }
  const parts = csl.accessed?.["date-parts"]?.[0];
  if (parts?.length) rows.push(["Accessed", parts.map((p) => String(p).padStart(2, "0")).join("-")]);
  return rows;
}

/** One name a line: "Family, Given" is a person, a line without a comma an organisation. */
export function parseNames(text: string): CslName[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const comma = line.indexOf(",");
      if (comma < 0) return { literal: line };
      const family = line.slice(0, comma).trim();
      const given = line.slice(comma + 1).trim();
      return given ? { family, given } : { family };
    });
}

export const namesText = (names: CslName[] | undefined): string => (names ?? []).map(nameText).join("\n");
