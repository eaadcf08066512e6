// Lists, the index: the screen at #/lists and #/lists/NAME. It shows every
// reading and reference list in a sidebar with the form that creates one,
// and mounts the chosen list's builder (builder.ts) beside it. Kept apart
// from the builder because it is the route's entry and knows every list,
// while the builder knows one.

import { createList, listDocuments, listLists, listStyles, type Purpose } from "../../api";
import { h, replace } from "../../dom";
import { errorText } from "../../errors";
import type { Params, View } from "../../view";
import { mountBuilder } from "./builder";

export async function mountLists(root: HTMLElement, params: Params): Promise<View> {
  const name = decodeName(params.name);
  const [lists, styles, essays] = await Promise.all([listLists(), listStyles(), listDocuments({ kind: "essay" })]);
  const current = name === null ? null : lists.find((l) => l.name === name) ?? null;

  const sidebar = h(
    "aside",
    { class: "lists-sidebar", testid: "lists-sidebar" },
    h("h1", {}, "Lists"),
    lists.length === 0
      ? h("p", { class: "muted" }, "No lists yet.")
      : h(
          "ul",
          { class: "lists-index" },
          ...lists.map((l) =>
            h(
              "li",
              {},
              h(
                "a",
                { href: listHref(l.name), testid: "list-link", "aria-current": l.name === current?.name ? "page" : null },
                h("span", {}, l.name),
                h("span", { class: "muted" }, `${l.purpose} · ${l.items}`),
              ),
            ),
          ),
        ),
    createForm(),
  );

  if (current === null) {
    replace(
      root,
      h(
        "div",
        { class: "lists-layout" },
        sidebar,
        h(
          "div",
          { class: "empty-state", testid: "lists-empty" },
          h("p", {}, name === null ? "Pick a list, or create one." : `There is no list named “${name}”.`),
          h("p", { class: "muted" }, "Add works to a list from the Works view, from search results (Ctrl+K) or a theme, or from an essay's references here."),
        ),
      ),
    );
    return {};
  }

  const count = sidebar.querySelector<HTMLElement>('[aria-current="page"] .muted');
  const onCount = (n: number) => count && (count.textContent = `${current.purpose} · ${n}`);
  replace(root, h("div", { class: "lists-layout" }, sidebar, await mountBuilder(current, styles, essays, onCount)));
  return {};
}

function listHref(name: string): string {
  return `#/lists/${encodeURIComponent(name)}`;
}

function decodeName(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function createForm(): HTMLFormElement {
  const nameInput = h("input", { class: "text-input", testid: "new-list-name", placeholder: "New list name", "aria-label": "New list name", required: true });
  const purpose = h(
    "select",
    { class: "select", testid: "new-list-purpose", "aria-label": "Purpose" },
    h("option", { value: "reading" }, "Reading list"),
    h("option", { value: "reference" }, "Reference list"),
  );
  const error = h("p", { class: "works-status error", testid: "create-list-error", hidden: true });
  const form = h(
    "form",
    {
      class: "create-list",
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        try {
          const list = await createList(nameInput.value, purpose.value as Purpose);
          location.hash = listHref(list.name);
        } catch (err) {
          error.textContent = errorText(err);
          error.hidden = false;
        }
      },
    },
    h("h2", {}, "New list"),
    nameInput,
    purpose,
    h("button", { class: "button primary", type: "submit", testid: "create-list" }, "Create list"),
    error,
  );
  return form;
}

