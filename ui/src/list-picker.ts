// "Add to list" as the works view, the search palette and the themes page
// offer it: a list-name box (existing lists suggested; a new name creates a
// reading list) and a button that adds whatever works the caller supplies.

import { addToList, createList, listLists } from "./api";
import { h, replace } from "./dom";
import { errorText } from "./errors";
import { plural } from "./format";

let serial = 0;

export interface ListPicker {
  element: HTMLElement;
  input: HTMLInputElement;
  button: HTMLButtonElement;
  /** Re-reads the list names offered in the box. */
  refresh(): Promise<void>;
}

export interface PickerOptions {
  /** `testid` of the button; the name box gets `${testid}-name`. */
  testid: string;
  label?: string;
  initial?: string;
  /** The work ids to add, worked out when the button is pressed. */
  works(): Promise<number[]> | number[];
  /** Reports success (with a link to the list) or failure. */
  report(message: Node | string, error: boolean): void;
  /** Called after works were added, with the list's name. */
  added?(name: string): void;
}

export function listPicker(options: PickerOptions): ListPicker {
  const names = h("datalist", { id: `list-names-${++serial}` });
  const input = h("input", {
    class: "text-input",
    testid: `${options.testid}-name`,
    list: names.id,
    placeholder: "List name",
    "aria-label": "List to add to",
    value: options.initial ?? "",
  });
  const button = h("button", { class: "button primary", testid: options.testid, type: "submit" }, options.label ?? "Add to list");
  const element = h(
    "form",
    {
      class: "inline-form list-picker",
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        void add();
      },
    },
    input,
    names,
    button,
  );

  async function refresh(): Promise<void> {
    const lists = await listLists();
    replace(names, ...lists.map((l) => h("option", { value: l.name })));
  }

  async function add(): Promise<void> {
    const name = input.value.trim();
    if (!name) {
      options.report("Type the name of a list to add to (a new name creates a reading list).", true);
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      const ids = [...new Set(await options.works())];
      if (ids.length === 0) {
        options.report("There are no works to add.", true);
        return;
      }
      const lists = await listLists();
      if (!lists.some((l) => l.name === name)) await createList(name, "reading");
      await addToList(name, ids);
      await refresh();
      const link = h("a", { href: `#/lists/${encodeURIComponent(name)}`, testid: "added-list-link" }, name);
      const message = document.createDocumentFragment();
      message.append(`Added ${plural(ids.length, "work")} to `, link, ".");
      options.report(message, false);
      options.added?.(name);
    } catch (err) {
      options.report(errorText(err), true);
    } finally {
      button.disabled = false;
    }
  }

  void refresh().catch(() => undefined);
  return { element, input, button, refresh };
}
