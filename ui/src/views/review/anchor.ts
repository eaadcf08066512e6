// Comment anchors as text: a comment points at characters start..end of
// one block's text (counted in Unicode characters, as the engine stores
// them) and quotes the passage. These functions turn a selection into an
// anchor and find an anchor's passage again when an entry is reopened
// (the offsets first, then the quote's occurrence nearest to them), on
// plain strings; highlight.ts does the DOM side. Tested in anchor.test.ts.

import type { Anchor } from "../../api";

/** A passage of a block's text, as JavaScript string offsets (UTF-16). */
export interface Span {
  start: number;
  end: number;
}

/** The number of Unicode characters in `text` before string offset `index`. */
export function charOffset(text: string, index: number): number {
  let chars = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    const code = text.charCodeAt(i);
    // The second half of a surrogate pair is not a character of its own.
    if (!(code >= 0xdc00 && code <= 0xdfff && i > 0 && isHigh(text.charCodeAt(i - 1)))) chars++;
  }
  return chars;
}

/** The string offset of character `chars` of `text` (its length when past the end). */
export function stringOffset(text: string, chars: number): number {
  let i = 0;
  for (let n = 0; n < chars && i < text.length; n++) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * The anchor for the selection `start..end` (string offsets) of block
 * `paragraph` whose text is `text`, without the spaces around it; null when
 * nothing but space is selected.
 */
export function anchorFor(paragraph: number, text: string, start: number, end: number): Anchor | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (s === e) return null;
  return { paragraph, start: charOffset(text, s), end: charOffset(text, e), quote: text.slice(s, e) };
}

/**
 * Where an anchor's passage is in its block's text: at its offsets when the
 * text there is still the quote, else the occurrence of the quote nearest to
 * them, else null (the passage is gone: the comment is listed as "passage
 * not found", never dropped).
 */
export function locate(text: string, anchor: Pick<Anchor, "start" | "end" | "quote">): Span | null {
  const { quote } = anchor;
  if (quote === "") return null;
  const hint = anchor.start === null ? 0 : stringOffset(text, anchor.start);
  if (anchor.start !== null && anchor.end !== null) {
    const end = stringOffset(text, anchor.end);
    if (text.slice(hint, end) === quote) return { start: hint, end };
  }
  let best = -1;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    if (best === -1 || Math.abs(at - hint) < Math.abs(best - hint)) best = at;
  }
  return best === -1 ? null : { start: best, end: best + quote.length };
}

/** A quote shortened for a list: the first `max` characters, on a word boundary, with "…". */
export function shortQuote(quote: string, max = 90): string {
  const flat = quote.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
