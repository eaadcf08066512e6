// Typed wrappers over the app's Tauri commands (src-tauri/src/commands/).
// The types mirror the serde shapes of quire-engine; key names are a contract.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

export type Kind = "essay" | "source";
export type LimitFlag = "under" | "over";

/** One imported or listed document: the `quire list --json` object. */
export interface DocSummary {
  id: number;
  kind: Kind;
  title: string;
  author: string | null;
  affiliation: string | null;
  word_count: number;
  duplicate_of: number | null;
}

/** A row of the library view. */
export interface DocRow extends DocSummary {
  collection_id: number | null;
  collection: string | null;
  year: number | null;
  origin: string;
  limit_flag: LimitFlag | null;
}

export interface Document extends DocSummary {
  collection_id: number | null;
  collection: string | null;
  year: number | null;
  origin: string;
  content_hash: string;
  limit_flag: LimitFlag | null;
  body: string;
  references: string[];
  duplicates: number[];
}

/** What the reader shows: the document, its body as sanitised HTML, and its collection's limits. */
export interface ReaderDoc extends Document {
  html: string;
  min_words: number | null;
  max_words: number | null;
}

export interface Collection {
  id: number;
  title: string;
  prompt: string | null;
  year: number | null;
  min_words: number | null;
  max_words: number | null;
  documents: number;
}

export interface ImportFailure {
  path: string;
  message: string;
}

export interface ImportReport {
  imported: DocSummary[];
  errors: ImportFailure[];
}

export interface Progress {
  done: number;
  total: number;
  current: string;
}

export interface DocFilter {
  kind?: Kind;
  collection_id?: number;
}

/** Commands reject with `{ message }`; turn that into an Error so callers can show it. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    const message =
      typeof err === "object" && err !== null && "message" in err ? String(err.message) : String(err);
    throw new Error(message);
  }
}

export const listDocuments = (filter: DocFilter = {}) => call<DocRow[]>("list_documents", { filter });
export const getDocument = (id: number) => call<ReaderDoc>("get_document", { id });
export const listCollections = () => call<Collection[]>("list_collections");
// --- paths (src-tauri/src/pick.rs, grants.rs) ---
// The page never names a path on its own: Rust opens the dialogs, and a
// command accepts only paths picked there or dropped on the window, once.

/** What files are picked for: the dialog's title and filter. */
export type PickPurpose = "documents" | "works" | "style";

/** Opens the system's open dialog; resolves to the picked paths (none when cancelled). */
export const pickFiles = (purpose: PickPurpose) => call<string[]>("pick_files", { purpose });
/** Opens the system's save dialog for a `format` file; null when cancelled. */
export const pickSavePath = (baseName: string, format: string) =>
  call<string | null>("pick_save_path", { baseName, format });
/** Files dropped on the window, after Rust granted them for import. */
export const onFilesDropped = (handler: (paths: string[]) => void): Promise<UnlistenFn> =>
  listen<string[]>("files-dropped", (event) => handler(event.payload));

export const importFiles = (paths: string[], collection?: string) =>
  call<ImportReport>("import_files", { paths, collection: collection ?? null });

export const onImportProgress = (handler: (p: Progress) => void): Promise<UnlistenFn> =>
  listen<Progress>("import-progress", (event) => handler(event.payload));

// --- works and lists (src-tauri/src/commands/{works,lists}.rs) ---

/** A person (`family`, `given`) or an organisation (`literal`). */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  [key: string]: unknown;
}

export interface CslDate {
  "date-parts"?: number[][];
  literal?: string;
  raw?: string;
}

/**
 * A CSL-JSON item (crates/quire-csl), the one shape of a parsed reference entry
 * in the audit, a work and a list item. Absent fields are left out; unknown
 * keys round-trip untouched.
 */
export interface CslItem {
  id?: string;
  type: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: CslDate;
  accessed?: CslDate;
  "year-suffix"?: string;
  /** "in press", "forthcoming": kept out of `issued`. */
  status?: string;
  title?: string;
  "container-title"?: string;
  volume?: string;
  issue?: string;
  page?: string;
  edition?: string;
  publisher?: string;
  "publisher-place"?: string;
  DOI?: string;
  URL?: string;
  [key: string]: unknown;
}

export interface CitedBy {
  document_id: number;
  title: string;
  author: string | null;
  count: number;
}

/** A work with its entry in the preview style: `html` is sanitised by the engine. */
export interface WorkRow {
  id: number;
  csl: CslItem;
  edited: boolean;
  cited_by: CitedBy[];
  html: string;
  text: string;
  citation: string;
}

export interface WorkEntry {
  document_id: number;
  position: number;
  raw: string;
}

export interface WorkDetail extends WorkRow {
  entries: WorkEntry[];
}

export interface WorksFilter {
  query?: string;
  kind?: string;
  cited?: boolean;
}

export interface WorksImport {
  ids: number[];
  errors: ImportFailure[];
}

export type Purpose = "reading" | "reference";
export type Importance = "essential" | "recommended" | "further";
export type InterchangeFormat = "bibtex" | "ris" | "csl-json";
export type ListExportFormat = InterchangeFormat | "html" | "markdown" | "text";

/** A citation style a list can use: `quire styles --json` (quire-engine `StyleSummary`). */
export interface StyleSummary {
  /** What a list names it by: `apa`, `british-journal-of-social-work`. */
  name: string;
  title: string;
  /** Shipped with Quire; otherwise imported into this library. */
  bundled: boolean;
  /** For a dependent style: the title (or CSL id) of the style it formats with. */
  parent: string | null;
  /** The style's default locale, e.g. `en-GB`, when it names one. */
  locale: string | null;
}

export interface ListSummary {
  id: number;
  name: string;
  purpose: Purpose;
  style: string;
  items: number;
}

export interface ListItem {
  work_id: number;
  section: string | null;
  position: number;
  importance: Importance | null;
  note: string | null;
  csl: CslItem;
}

export interface ListView {
  id: number;
  name: string;
  purpose: Purpose;
  style: string;
  sections: string[];
  items: ListItem[];
}

export interface FormattedEntry {
  /** Null only for items that are not the library's works. */
  work_id: number | null;
  /** Escaped by the engine: safe to insert as HTML. */
  html: string;
  text: string;
  citation: string;
  importance: Importance | null;
  note: string | null;
}

export interface FormattedList {
  style: string;
  style_title: string;
  sections: { title: string | null; entries: FormattedEntry[] }[];
  /** The whole list as an HTML fragment (escaped by the engine), for rich-text copy. */
  html: string;
  text: string;
  markdown: string;
}

export interface ListShow {
  list: ListView;
  preview: FormattedList;
  /** Why the list's own style did not load; the preview then uses the default style. */
  style_error: string | null;
}

/** One page of the works matching a filter, and how many match in all. */
export interface WorksPage {
  rows: WorkRow[];
  total: number;
}

export const listWorks = (filter: WorksFilter = {}, offset = 0, limit = 100, style?: string) =>
  call<WorksPage>("list_works", { filter, style: style ?? null, offset, limit });
export const getWork = (id: number, style?: string) => call<WorkDetail>("get_work", { id, style: style ?? null });
export const updateWork = (id: number, csl: CslItem) => call<WorkRow>("update_work", { id, csl });
export const mergeWorks = (keep: number, others: number[]) => call<WorkRow>("merge_works", { keep, others });
export const splitWork = (documentId: number, position: number) =>
  call<number>("split_work", { documentId, position });
export const importWorks = (paths: string[]) => call<WorksImport>("import_works", { paths });
export const exportWorks = (ids: number[], format: InterchangeFormat, path: string) =>
  call<void>("export_works", { ids, format, path });

export const listStyles = () => call<StyleSummary[]>("list_styles");
/** Imports a `.csl` file picked with `pickFiles("style")` into the library. */
export const importStyle = (path: string) => call<StyleSummary>("import_style", { path });
/** Removes an imported style; refused for bundled styles and one a list uses. */
export const removeStyle = (name: string) => call<void>("remove_style", { name });
export const listLists = () => call<ListSummary[]>("list_lists");
export const createList = (name: string, purpose: Purpose) => call<ListSummary>("create_list", { name, purpose });
export const deleteList = (name: string) => call<void>("delete_list", { name });
export const showList = (name: string) => call<ListShow>("show_list", { name });
export const addToList = (
  name: string,
  workIds: number[],
  placement: { section?: string; importance?: Importance; note?: string } = {},
) =>
  call<void>("add_to_list", {
    name,
    workIds,
    section: placement.section ?? null,
    importance: placement.importance ?? null,
    note: placement.note ?? null,
  });
export const addDocumentToList = (name: string, documentId: number) =>
  call<number>("add_document_to_list", { name, documentId });
export const moveListItem = (name: string, workId: number, index: number, section: string | null) =>
  call<void>("move_list_item", { name, workId, index, section });
export const updateListItem = (name: string, workId: number, importance: Importance | null, note: string | null) =>
  call<void>("update_list_item", { name, workId, importance, note });
export const removeFromList = (name: string, workId: number) => call<void>("remove_from_list", { name, workId });
export const setListStyle = (name: string, style: string) => call<void>("set_list_style", { name, style });
export const formatDocument = (documentId: number, style?: string) =>
  call<FormattedList>("format_document", { documentId, style: style ?? null });
export const exportList = (name: string, format: ListExportFormat, path: string) =>
  call<void>("export_list", { name, format, path });

// --- search and themes (src-tauri/src/commands/search.rs) ---

export interface SearchQuery {
  text: string;
  kind?: string | null;
  collection?: string | null;
  affiliation?: string | null;
  year?: number | null;
  limit?: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  kind: FacetCount[];
  collection: FacetCount[];
  affiliation: FacetCount[];
  year: FacetCount[];
}

/**
 * One place a query matched. `snippet` is plain text (not HTML); `highlights`
 * are the matched words in it as `[start, end)` offsets in code points (index
 * `[...snippet]`, not `snippet`), in order and not overlapping.
 */
export interface SearchHit {
  doc: number;
  title: string;
  author: string | null;
  kind: Kind;
  /** Index into the document's paragraphs (blocks between blank lines); null for a title/author/references match. */
  paragraph: number | null;
  score: number;
  snippet: string;
  highlights: [number, number][];
}

export interface SearchResults {
  total: number;
  ignored: string[];
  hits: SearchHit[];
  facets: Facets;
  similar: string[];
}

export interface Theme {
  name: string;
  query: string;
  colour: string;
}

export interface ThemeSummary extends Theme {
  documents: number;
  paragraphs: number;
  coverage: { doc: number; paragraphs: number }[];
  /** Why the saved query cannot be used (it then covers nothing); absent when it can. */
  error?: string;
}

export interface ThemeReport {
  theme: Theme;
  documents: { doc: number; title: string; author: string | null; kind: Kind; paragraphs: SearchHit[] }[];
  works: CitedWork[];
  ignored: string[];
}

/** A work cited by paragraphs a search or theme found; `work_id` is null for a citation with no entry. */
export interface CitedWork {
  work: string;
  work_id: number | null;
  paragraphs: number;
  documents: number[];
}

export interface KeyTerm {
  term: string;
  score: number;
  paragraphs: number;
  documents: number;
}

export const search = (query: SearchQuery) => call<SearchResults>("search", { query });
export const listThemes = () => call<ThemeSummary[]>("list_themes");
export const showTheme = (name: string) => call<ThemeReport>("show_theme", { name });
export const addTheme = (name: string, query: string, colour?: string) =>
  call<ThemeSummary[]>("add_theme", { name, query, colour: colour ?? null });
export const worksCitedWhere = (query: string) => call<CitedWork[]>("works_cited_where", { query });
/** The work records among cited works (a citation with no entry has none). */
export const workIds = (works: CitedWork[]): number[] => works.flatMap((w) => (w.work_id === null ? [] : [w.work_id]));
export const deleteTheme = (name: string) => call<ThemeSummary[]>("delete_theme", { name });
export const suggestedThemes = (n: number) => call<KeyTerm[]>("suggested_themes", { n });
export const keyTerms = (doc: number, n: number) => call<KeyTerm[]>("key_terms", { doc, n });
