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
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
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
export const importFiles = (paths: string[], collection?: string) =>
  call<ImportReport>("import_files", { paths, collection: collection ?? null });

export const onImportProgress = (handler: (p: Progress) => void): Promise<UnlistenFn> =>
  listen<Progress>("import-progress", (event) => handler(event.payload));
