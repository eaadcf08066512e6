// Getting formatted references out of the app: the clipboard (rich text a
// word processor pastes with italics, or plain text) and files chosen with
// the system save dialog, which Rust opens (api.ts, pickSavePath).

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

/** Each export format's name in menus; the save dialog's filter is set in Rust (src-tauri/src/pick.rs). */
export const EXTENSIONS: Record<string, { label: string }> = {
  html: { label: "HTML" },
  markdown: { label: "Markdown" },
  text: { label: "Plain text" },
  bibtex: { label: "BibTeX" },
  ris: { label: "RIS" },
  "csl-json": { label: "CSL-JSON" },
};
