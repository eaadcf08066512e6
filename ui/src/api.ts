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
  ImportedFile,
  FileFormat,
  Progress,
  DocFilter,
  CollectionsAs,
  ZoteroReport,
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
  // review rounds
  AgreeRule,
  Anchor,
  BankComment,
  CommentInput,
  EntryStatus,
  FeedbackFormat,
  Finding,
  MarkDetail,
  MarkInput,
  MarkState,
  MarkStatus,
  MarkTotal,
  MarkView,
  MarkerInput,
  MarkerProgress,
  MarksConflict,
  MarksImport,
  Moderation,
  ModerationView,
  ResultRow,
  Revealed,
  ReviewComment,
  ReviewResults,
  RoundInput,
  RoundSummary,
  RoundView,
  Rubric,
  RubricCriterion,
  RubricLevel,
  TrailEvent,
  // insights
  YearCount,
  ParagraphCites,
  EssayInsights,
  MostCited,
  NodeKind,
  NetworkNode,
  NetworkEdge,
  Network,
  NetworkFilter,
  MatrixTheme,
  MatrixDoc,
  ThemeMatrix,
  EssayAges,
  LibraryInsights,
  CitedPassage,
  CoverageItem,
  Coverage,
  Chart,
  ChartRequest,
} from "./bindings";
import type {
  BankComment,
  CommentInput,
  FeedbackFormat,
  MarkInput,
  MarkView,
  MarksImport,
  ModerationView,
  Revealed,
  ReviewComment,
  ReviewResults,
  RoundInput,
  RoundSummary,
  RoundView,
  Rubric,
  TrailEvent,
  CitedWork,
  Collection,
  CslItem,
  DocFilter,
  DocRow,
  FormattedList,
  ImportReport,
  Importance,
  CollectionsAs,
  ZoteroReport,
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
  EssayInsights,
  MostCited,
  Network,
  NetworkFilter,
  ThemeMatrix,
  EssayAges,
  CitedPassage,
  Coverage,
  ChartRequest,
  SearchHit,
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
export type PickPurpose = "documents" | "zotero" | "works" | "style" | "rubric" | "marks";

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

/** Imports the Zotero library in a folder picked with `pickFiles("zotero")`. */
export const importZotero = (dir: string, collectionsAs: CollectionsAs) =>
  call<ZoteroReport>("import_zotero", { dir, collectionsAs });
/** Stops the running import before its next file; what it stored stays. */
export const cancelImport = () => call<void>("cancel_import");
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

// --- review rounds (src-tauri/src/commands/review.rs) ---
// `actor` is who does a thing, as the round's trail records it: the marker
// marking, or the coordinator by the name they act under.

export const listRounds = () => call<RoundSummary[]>("list_rounds");
export const createRound = (input: RoundInput, actor: string) => call<RoundSummary>("create_round", { input, actor });
export const deleteRound = (name: string) => call<void>("delete_round", { name });
export const roundStatus = (name: string) => call<RoundView>("round_status", { name });

export const rubricTemplates = () => call<Rubric[]>("rubric_templates");
export const saveRubricTemplate = (rubric: Rubric) => call<Rubric>("save_rubric_template", { rubric });
export const deleteRubricTemplate = (name: string) => call<void>("delete_rubric_template", { name });
/** Saves a rubric file picked with `pickFiles("rubric")` as a template. */
export const importRubricTemplate = (path: string) => call<Rubric>("import_rubric_template", { path });
export const exportRubricTemplate = (name: string, path: string) => call<void>("export_rubric_template", { name, path });

export const markView = (round: string, code: string, marker: string) =>
  call<MarkView>("mark_view", { round, code, marker });
/** Scores set (a number) or cleared (null), the overall comment ("" clears), submission; returns the screen afresh. */
export const saveMark = (round: string, code: string, marker: string, input: MarkInput) =>
  call<MarkView>("save_mark", { round, code, marker, input });
export const reopenMark = (round: string, code: string, marker: string, actor: string) =>
  call<void>("reopen_mark", { round, code, marker, actor });
export const addReviewComment = (round: string, code: string, marker: string, input: CommentInput) =>
  call<ReviewComment>("add_review_comment", { round, code, marker, input });
/** Changes a comment's text; null deletes it. */
export const editReviewComment = (round: string, id: number, text: string | null, actor: string) =>
  call<void>("edit_review_comment", { round, id, text, actor });
export const commentBank = () => call<BankComment[]>("comment_bank");
export const addBankComment = (text: string, category: string | null) =>
  call<BankComment>("add_bank_comment", { text, category });
export const removeBankComment = (id: number) => call<void>("remove_bank_comment", { id });

export const moderationView = (round: string, code: string) => call<ModerationView>("moderation_view", { round, code });
/** Records the agreed mark with a reason; a null mark withdraws the decision. */
export const moderateEntry = (round: string, code: string, mark: number | null, reason: string, actor: string) =>
  call<ModerationView>("moderate_entry", { round, code, mark, reason, actor });
export const reassignMarking = (round: string, code: string, from: string, to: string, actor: string) =>
  call<void>("reassign_marking", { round, code, from, to, actor });
/** Sets the shortlist and winner flags; null leaves one as it is. */
export const flagEntry = (round: string, code: string, shortlisted: boolean | null, winner: boolean | null, actor: string) =>
  call<void>("flag_entry", { round, code, shortlisted, winner, actor });
export const revealRound = (round: string, actor: string) => call<Revealed>("reveal_round", { round, actor });

export const reviewResults = (round: string) => call<ReviewResults>("review_results", { round });
export const exportResults = (round: string, path: string) => call<void>("export_results", { round, path });
/** An entry's feedback sheet as engine-sanitised HTML. */
export const reviewFeedback = (round: string, code: string) => call<string>("review_feedback", { round, code });
export const exportFeedback = (round: string, code: string, format: FeedbackFormat, path: string) =>
  call<void>("export_feedback", { round, code, format, path });
export const exportMarks = (round: string, marker: string, path: string) =>
  call<void>("export_marks", { round, marker, path });
/** Imports a marks file picked with `pickFiles("marks")`. */
export const importMarks = (path: string, actor: string) => call<MarksImport>("import_marks", { path, actor });
/** The round's trail, or one entry's with the round-wide lines. */
export const reviewTrail = (round: string, code: string | null) => call<TrailEvent[]>("review_trail", { round, code });

export const essayInsights = (id: number) => call<EssayInsights>("essay_insights", { id });
/** A review entry's essay insights, found through the round (its document stays unnamed). */
export const entryInsights = (round: string, code: string) => call<EssayInsights>("entry_insights", { round, code });
export const mostCited = (collection: string | null, top: number) => call<MostCited[]>("most_cited", { collection, top });
export const citationNetwork = (collection: string | null, filter: NetworkFilter) =>
  call<Network>("citation_network", { collection, filter });
export const themeMatrix = (collection: string | null) => call<ThemeMatrix>("theme_matrix", { collection });
/** A heat-map cell opened: the paragraphs of `document` the theme's query matches. */
export const themeCell = (query: string, document: number) => call<SearchHit[]>("theme_cell", { query, document });
export const referenceAges = (collection: string | null) => call<EssayAges[]>("reference_ages", { collection });
/** "Where is this cited": the paragraphs citing a work. */
export const workPassages = (work: number, collection: string | null) =>
  call<CitedPassage[]>("work_passages", { work, collection });
export const listCoverage = (list: string, collection: string | null) =>
  call<Coverage>("list_coverage", { list, collection });
/** Writes a chart's data as CSV to a path from `pickSavePath(…, "csv")`. */
export const chartCsv = (request: ChartRequest, path: string) => call<void>("chart_csv", { request, path });
/** Writes a chart image (SVG text or PNG, as bytes) to a path from `pickSavePath`. */
export const saveChart = (path: string, bytes: number[]) => call<void>("save_chart", { path, bytes });
