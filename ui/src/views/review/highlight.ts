// Comments in an entry's text, on the DOM side: the anchor of what the
// marker selected or of an audit finding's citation, and highlights drawn
// over the engine's HTML (each a `mark.comment-mark` around the pieces of
// text a passage covers, so a passage may cross a citation or a masked
// name). Offsets are counted in each `[data-paragraph]` block's text, as
// anchor.ts defines them; the highlights never change that text.

import type { Anchor, ReviewComment } from "../../api";
import { anchorFor, locate, type Span } from "./anchor";

const BLOCK = "[data-paragraph]";

/** The block (with its number) that holds `node` inside `body`. */
export function blockOf(body: HTMLElement, node: Node | null): { block: HTMLElement; paragraph: number } | null {
  const el = node instanceof Element ? node : node?.parentElement;
  const block = el?.closest<HTMLElement>(BLOCK);
  if (!block || !body.contains(block)) return null;
  const paragraph = Number(block.dataset.paragraph);
  return Number.isInteger(paragraph) ? { block, paragraph } : null;
}

/** The string offset of the point (node, offset) in the text of `block`. */
export function textOffset(block: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(block);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The anchor of the selection in `body` and where it is on screen; null
 * when nothing is selected there. A selection running into the next block
 * is cut at the end of the block it starts in.
 */
export function selectionAnchor(body: HTMLElement): { anchor: Anchor; rect: DOMRect } | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const start = blockOf(body, range.startContainer);
  if (!start) return null;
  const text = start.block.textContent ?? "";
  const from = textOffset(start.block, range.startContainer, range.startOffset);
  const to = start.block.contains(range.endContainer) ? textOffset(start.block, range.endContainer, range.endOffset) : text.length;
  const anchor = anchorFor(start.paragraph, text, from, to);
  if (!anchor) return null;
  const rects = range.getClientRects();
  return { anchor, rect: rects.length > 0 ? rects[rects.length - 1] : range.getBoundingClientRect() };
}

/** The anchor of citation `citation` (`.cite[data-cite]`) in the text; null when it is not there. */
export function citationAnchor(body: HTMLElement, citation: number): Anchor | null {
  const span = body.querySelector<HTMLElement>(`.cite[data-cite="${citation}"]`);
  const where = span && blockOf(body, span);
  if (!span || !where) return null;
  const text = where.block.textContent ?? "";
  const start = textOffset(where.block, span, 0);
  return anchorFor(where.paragraph, text, start, start + (span.textContent ?? "").length);
}

/** The block numbered `paragraph` in the text. */
export function block(body: HTMLElement, paragraph: number): HTMLElement | null {
  return body.querySelector<HTMLElement>(`[data-paragraph="${paragraph}"]`);
}

/** Removes every highlight, leaving the text as the engine sent it. */
export function clearHighlights(body: HTMLElement): void {
  for (const mark of [...body.querySelectorAll("mark.comment-mark")]) {
    const parent = mark.parentNode;
    if (!parent) continue;
    mark.replaceWith(...mark.childNodes);
    parent.normalize();
  }
}

/**
 * Draws a highlight for each comment at its passage (anchor.ts `locate`) and
 * returns the comments whose passage is no longer in the text.
 * `decorate` sets what each mark carries (class, data attributes).
 */
export function drawHighlights(
  body: HTMLElement,
  comments: ReviewComment[],
  decorate: (mark: HTMLElement, comment: ReviewComment) => void,
): ReviewComment[] {
  clearHighlights(body);
  const lost: ReviewComment[] = [];
  for (const comment of comments) {
    const target = block(body, comment.anchor.paragraph);
    const span = target && locate(target.textContent ?? "", comment.anchor);
    if (!target || !span) {
      lost.push(comment);
      continue;
    }
    wrap(target, span, () => {
      const mark = document.createElement("mark");
      mark.className = "comment-mark";
      decorate(mark, comment);
      return mark;
    });
  }
  return lost;
}

/** Wraps the text of `block` within `span` (string offsets) in marks made by `make`. */
function wrap(block: HTMLElement, span: Span, make: () => HTMLElement): void {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const pieces: { node: Text; from: number; to: number }[] = [];
  let at = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const length = node.data.length;
    const from = Math.max(span.start, at) - at;
    const to = Math.min(span.end, at + length) - at;
    if (from < to) pieces.push({ node, from, to });
    at += length;
    if (at >= span.end) break;
  }
  for (const { node, from, to } of pieces) {
    let piece = node;
    if (from > 0) piece = piece.splitText(from);
    if (to - from < piece.data.length) piece.splitText(to - from);
    const mark = make();
    piece.replaceWith(mark);
    mark.append(piece);
  }
}

