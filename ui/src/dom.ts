// Building DOM nodes without HTML strings: text always goes in as text nodes,
// so nothing from a document or a file name can become markup. The one way
// HTML enters the page is `setEngineHtml` below, with HTML the engine has
// sanitised; no other file of the UI sets innerHTML (a tidy test checks).

type Child = Node | string | number | null | undefined | false;
type Handler = (event: any) => void;
export type Props = Record<string, string | number | boolean | null | undefined | Handler>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") {
      el.addEventListener(key.replace(/^on/, ""), value);
    } else if (key === "class") {
      el.className = String(value);
    } else if (key === "testid") {
      el.dataset.testid = String(value);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace everything inside `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** True when typing should go to a form field rather than to shortcuts. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * HTML written and sanitised by the engine (crates/quire-engine/src/render.rs:
 * pulldown-cmark or quire-format, then one ammonia allow-list): a document's
 * body in the reader, a work's or a list's formatted entries. Only fields the
 * engine documents as sanitised HTML are this; nothing the UI builds is.
 */
export type EngineHtml = string;

/**
 * Replaces what is inside `el` by engine-sanitised HTML. This is the only
 * place HTML from outside the UI's own code enters the DOM; everything else
 * goes in through `h`, `append` and `replace` as text nodes.
 */
export function setEngineHtml(el: Element, html: EngineHtml): void {
  el.innerHTML = html;
}
