// Getting formatted references out of the app: the clipboard (rich text a
// word processor pastes with italics, or plain text) and files chosen with
// the system save dialog.

import { save } from "@tauri-apps/plugin-dialog";

/**
 * Copies `html` as rich text with `text` as its plain-text flavour. Falls
 * back to plain text where the webview has no ClipboardItem; returns which was copied.
 */
export async function copyRich(html: string, text: string): Promise<"rich" | "plain"> {
  if (typeof ClipboardItem !== "undefined" && navigator.clipboard?.write) {
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          "text/html": new Blob([html], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" }),
        }),
      ]);
      return "rich";
    } catch {
      // Some webviews refuse text/html; plain text still helps.
    }
  }
  await copyPlain(text);
  return "plain";
}

export async function copyPlain(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export const EXTENSIONS: Record<string, { ext: string; label: string }> = {
  html: { ext: "html", label: "HTML" },
  markdown: { ext: "md", label: "Markdown" },
  text: { ext: "txt", label: "Plain text" },
  bibtex: { ext: "bib", label: "BibTeX" },
  ris: { ext: "ris", label: "RIS" },
  "csl-json": { ext: "json", label: "CSL-JSON" },
};

/** Asks where to save a `format` file; null when the person cancels. */
export async function pickSavePath(baseName: string, format: string): Promise<string | null> {
  const { ext, label } = EXTENSIONS[format];
  const safe = baseName.replace(/[\\/:*?"<>|]+/g, " ").trim() || "references";
  return save({ title: `Export as ${label}`, defaultPath: `${safe}.${ext}`, filters: [{ name: label, extensions: [ext] }] });
}
