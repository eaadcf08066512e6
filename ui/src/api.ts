// Typed wrappers over the app's Tauri commands (src-tauri/src/commands/).
// The shapes they send and receive are the wire types of quire-api
// (crates/quire-api/src/wire), declared in TypeScript by ts-rs in
// ./bindings: regenerate them with `scripts/gen-types`, never edit them.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ApiError as ApiErrorJson, ErrorKind } from "./bindings";

export type {
  // errors
  ErrorKind,
  // documents and collections
  Kind,
  LimitFlag,
  DocSummary,
  DocRow,
  Document,
  ReaderDoc,
  Collection,
  ImportFailure,
  ImportWarning,
  ImportReport,
  Progress,
  DocFilter,
  // CSL-JSON (crates/quire-csl)
  CslName,
  CslDate,
  CslItem,
  // works
  CitedBy,
  Work,
  WorkRow,
  WorkEntry,
  WorkDetail,
  WorksFilter,
  WorksPage,
  WorksImport,
  InterchangeFormat,
  // lists and styles
  Purpose,
  Importance,
  ListExportFormat,
  StyleSummary,
  ListSummary,
  ListItem,
  ListView,
  FormattedEntry,
  FormattedSection,
  FormattedList,
  ListShow,
  // search and themes
  SearchQuery,
  FacetCount,
  Facets,
  SnippetPart,
  SearchHit,
  SearchResults,
  Theme,
  ThemeCoverage,
  ThemeSummary,
  ThemeDoc,
  ThemeReport,
  CitedWork,
  KeyTerm,
  // the citation audit
  Status,
  IssueKind,
  CitedIn,
  CitationResult,
  ReferenceResult,
  Issue,
  EssayAudit,
} from "./bindings";
import type {
  CitedWork,
  Collection,
  CslItem,
  DocFilter,
  DocRow,
  FormattedList,
  ImportReport,
  Importance,
  InterchangeFormat,
  KeyTerm,
  ListExportFormat,
  ListShow,
  ListSummary,
  Progress,
  Purpose,
  ReaderDoc,
  SearchQuery,
  SearchResults,
  StyleSummary,
  ThemeReport,
  ThemeSummary,
  WorkDetail,
  WorkRow,
  WorksFilter,
  WorksImport,
  WorksPage,
} from "./bindings";

const ERROR_KINDS: readonly ErrorKind[] = ["invalid", "not_found", "read_only", "io", "library", "internal"];

/**
 * A command that failed: the `kind` of failure (one of a closed set, see
 * `errors.ts` for how each is shown) and a message for a person.
 */
export class ApiError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
  }

  /**
   * What a command rejected with, as an ApiError. Commands reject with
   * `{ kind, message }`; anything else (a bare string from Tauri itself, an
   * object without a known kind) is an internal error with its text.
   */
  static from(err: unknown): ApiError {
    if (err instanceof ApiError) return err;
    if (typeof err === "object" && err !== null && "message" in err) {
      const { kind, message } = err as Partial<ApiErrorJson>;
      const known = ERROR_KINDS.find((k) => k === kind);
      return new ApiError(known ?? "internal", String(message));
    }
    return new ApiError("internal", String(err));
  }
}

/** Commands reject with `{ kind, message }`; turn that into an ApiError (an Error) so callers can show it. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw ApiError.from(err);
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
