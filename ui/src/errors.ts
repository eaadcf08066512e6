// How a failed command is shown: one sentence per kind of failure
// (crates/quire-api/src/error.rs `ErrorKind`), so every view says the same
// thing about a deleted item, a read-only library or a bug.

import { ApiError, type ErrorKind } from "./api";

/** What to show for a failure, and whether reloading the view would help. */
export interface ErrorReport {
  kind: ErrorKind;
  /** One or two sentences for the person. */
  text: string;
  /** The view shows stale data (the item is gone): offer to refresh it. */
  refresh: boolean;
}

const NOT_FOUND = /^not found:\s*/i;
const INTERNAL = /^internal error:\s*/i;

/** The first letter upper-case, for a message that starts a sentence. */
const sentence = (text: string): string => (text ? text[0].toUpperCase() + text.slice(1) : text);

/** A failure (an ApiError from `call`, or anything a view caught) described by its kind. */
export function describeError(err: unknown): ErrorReport {
  const { kind, message } = ApiError.from(err);
  switch (kind) {
    case "not_found": {
      const what = message.replace(NOT_FOUND, "").trim() || "This item";
      return {
        kind,
        text: `${sentence(what)} is no longer in the library (perhaps it was deleted in another window). Refresh to see the library as it is now.`,
        refresh: true,
      };
    }
    case "read_only":
      return {
        kind,
        text: `The library is read-only: nothing in it can be changed here${message ? ` (${message})` : ""}.`,
        refresh: false,
      };
    case "io":
    case "invalid":
      return { kind, text: sentence(message), refresh: false };
    case "library":
      return { kind, text: `The library's database or index failed: ${message}`, refresh: false };
    case "internal":
      return {
        kind,
        text: `Something went wrong inside Quire: ${message.replace(INTERNAL, "")} (the rest of the library is intact).`,
        refresh: false,
      };
  }
}

/** The text to show for a failure: what views put where they used `err.message`. */
export const errorText = (err: unknown): string => describeError(err).text;
