// The keyboard shortcuts dialog (`?`): a table of the keys the shell and the
// views handle.

import { h } from "./dom";

const SHORTCUTS: [string[], string][] = [
  [["j", "↓"], "Next document"],
  [["k", "↑"], "Previous document"],
  [["Enter"], "Open the selected document"],
  [["Esc", "Backspace"], "Back to the library"],
  [["a"], "Show or hide the citation audit (reader)"],
  [["n", "p"], "Next / previous citation issue (reader)"],
  [["Ctrl K"], "Search everything: ↑↓ choose, Enter opens at the paragraph"],
  [["/"], "Filter the library"],
  [["i"], "Import files"],
  [["t"], "Switch light / dark"],
  [["?"], "Show these shortcuts"],
];

/** The `?` dialog. Returns a function that opens or closes it. */
export function createShortcutsDialog(): { element: HTMLDialogElement; toggle: () => void } {
  const rows = SHORTCUTS.map(([keys, what]) =>
    h(
      "tr",
      {},
      h("td", { class: "keys" }, ...keys.flatMap((k, i) => [i > 0 ? " or " : null, h("kbd", {}, k)])),
      h("td", {}, what),
    ),
  );
  const close = h("button", { class: "button", onclick: () => dialog.close() }, "Close");
  const dialog = h(
    "dialog",
    { class: "shortcuts", testid: "shortcuts", "aria-labelledby": "shortcuts-title" },
    h("h2", { id: "shortcuts-title" }, "Keyboard shortcuts"),
    h("table", {}, h("tbody", {}, ...rows)),
    h("div", { class: "dialog-actions" }, close),
  );
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  const toggle = () => (dialog.open ? dialog.close() : dialog.showModal());
  return { element: dialog, toggle };
}
