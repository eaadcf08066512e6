// The shell: top bar, router, global shortcuts. Views live in views/ and are
// mounted into <main>; later features add a route and a nav entry here.

import "@fontsource-variable/inter";
import "@fontsource-variable/source-serif-4";
import "@fontsource-variable/source-serif-4/wght-italic.css";
import "./style.css";

import { h, isEditable, replace } from "./dom";
import { icon } from "./icons";
import { errorText } from "./errors";
import { createImporter } from "./importer";
import { createShortcutsDialog } from "./shortcuts";
import { initTheme, toggleTheme, currentTheme } from "./theme";
import { redrawCharts } from "./charts";
import type { MountView, Params, View } from "./view";
import { mountLibrary } from "./views/library";
import { mountReader } from "./views/reader";
import { mountWorks } from "./views/works/table";
import { mountLists } from "./views/lists/index";
import { createSearchPalette } from "./views/search";
import { mountThemes } from "./views/themes";
import { mountInsights } from "./views/insights/index";
import { mountReviewIndex } from "./views/review/index";
import { mountRound } from "./views/review/round";
import { mountMarking } from "./views/review/marking";
import { mountModeration } from "./views/review/moderation";
import { mountResults } from "./views/review/results";
import { mountTrail } from "./views/review/trail";

interface Route {
  pattern: RegExp;
  mount: MountView;
  /** Which nav entry is current while this route is shown. */
  nav: string;
}

const ROUTES: Route[] = [
  { pattern: /^#\/library$/, mount: mountLibrary, nav: "library" },
  { pattern: /^#\/doc\/(?<id>\d+)(?:\/p\/(?<paragraph>\d+))?(?:\?(?<query>.*))?$/, mount: mountReader, nav: "library" },
  { pattern: /^#\/themes(?:\/(?<name>[^/?]+))?$/, mount: mountThemes, nav: "themes" },
  { pattern: /^#\/insights(?:\/(?<tab>[a-z]+))?(?:\?(?<query>.*))?$/, mount: mountInsights, nav: "insights" },
  { pattern: /^#\/works(?:\/(?<id>\d+))?$/, mount: mountWorks, nav: "works" },
  { pattern: /^#\/lists(?:\/(?<name>[^/]+))?$/, mount: mountLists, nav: "lists" },
  { pattern: /^#\/review$/, mount: mountReviewIndex, nav: "review" },
  { pattern: /^#\/review\/(?<round>[^/?]+)(?:\?(?<query>.*))?$/, mount: mountRound, nav: "review" },
  { pattern: /^#\/review\/(?<round>[^/?]+)\/mark\/(?<code>[^/?]+)\/(?<marker>[^/?]+)$/, mount: mountMarking, nav: "review" },
  { pattern: /^#\/review\/(?<round>[^/?]+)\/moderate\/(?<code>[^/?]+)$/, mount: mountModeration, nav: "review" },
  { pattern: /^#\/review\/(?<round>[^/?]+)\/results$/, mount: mountResults, nav: "review" },
  { pattern: /^#\/review\/(?<round>[^/?]+)\/trail(?:\/(?<code>[^/?]+))?$/, mount: mountTrail, nav: "review" },
];

const NAV: { id: string; label: string; href: string }[] = [
  { id: "library", label: "Library", href: "#/library" },
  { id: "works", label: "Works", href: "#/works" },
  { id: "lists", label: "Lists", href: "#/lists" },
  { id: "themes", label: "Themes", href: "#/themes" },
  { id: "insights", label: "Insights", href: "#/insights" },
  { id: "review", label: "Review", href: "#/review" },
];

const main = h("main", { id: "main", tabindex: -1 });
const navLinks = NAV.map((item) => h("a", { href: item.href, "data-nav": item.id, testid: `nav-${item.id}` }, item.label));
const themeButton = h("button", { class: "icon-button", testid: "theme-toggle", onclick: () => switchTheme() });
const shortcuts = createShortcutsDialog();
const palette = createSearchPalette();
const importer = createImporter(() => void render());
const importButton = h(
  "button",
  { class: "button primary", testid: "import-button", onclick: () => void importer.pick() },
  icon("import"),
  h("span", {}, "Import"),
);
const zoteroButton = h(
  "button",
  { class: "button", testid: "zotero-button", title: "Import a Zotero library", onclick: () => void importer.pickZotero() },
  h("span", {}, "Zotero…"),
);
const searchButton = h(
  "button",
  { class: "search-trigger", testid: "search-open", title: "Search everything (Ctrl+K)", onclick: () => palette.open() },
  icon("search"),
  h("span", {}, "Search"),
  h("kbd", {}, "Ctrl K"),
);
const helpButton = h(
  "button",
  { class: "icon-button", title: "Keyboard shortcuts (?)", "aria-label": "Keyboard shortcuts", onclick: shortcuts.toggle },
  icon("keyboard"),
);

let view: View = {};
let renderCount = 0;

function switchTheme(): void {
  toggleTheme();
  drawThemeButton();
  redrawCharts();
}

function drawThemeButton(): void {
  const dark = currentTheme() === "dark";
  const label = dark ? "Switch to light theme (t)" : "Switch to dark theme (t)";
  themeButton.title = label;
  themeButton.setAttribute("aria-label", label);
  replace(themeButton, icon(dark ? "sun" : "moon"));
}

async function render(): Promise<void> {
  const ticket = ++renderCount;
  const hash = location.hash || "#/library";
  const route = ROUTES.find((r) => r.pattern.test(hash));
  if (!route) {
    location.replace("#/library");
    return;
  }
  const params: Params = { ...hash.match(route.pattern)?.groups };
  for (const link of navLinks) link.classList.toggle("current", link.dataset.nav === route.nav);
  view.dispose?.();
  view = {};
  const root = h("div", { class: "view" });
  try {
    const mounted = await route.mount(root, params);
    if (ticket !== renderCount) return mounted.dispose?.();
    view = mounted;
    replace(main, root);
  } catch (err) {
    if (ticket !== renderCount) return;
    replace(main, h("div", { class: "view error-state", testid: "error" }, h("h1", {}, "Something went wrong"), h("p", {}, errorText(err))));
  }
}

function onKeyDown(event: KeyboardEvent): void {
  if (shortcuts.element.open) return; // the dialog handles its own keys (Esc closes it)
  const mod = event.ctrlKey || event.metaKey;
  if (mod && event.key.toLowerCase() === "k") {
    event.preventDefault();
    palette.open();
    return;
  }
  if (mod || event.altKey) return;
  if (isEditable(event.target)) {
    if (event.key === "Escape") (event.target as HTMLElement).blur();
    return;
  }
  if (view.onKey?.(event)) {
    event.preventDefault();
    return;
  }
  const handled = (() => {
    switch (event.key) {
      case "?":
        shortcuts.toggle();
        return true;
      case "/":
        view.searchBox?.focus();
        return view.searchBox !== undefined;
      case "t":
        switchTheme();
        return true;
      case "i":
        void importer.pick();
        return true;
      default:
        return false;
    }
  })();
  if (handled) event.preventDefault();
}

const header = h(
  "header",
  { class: "topbar" },
  h("a", { class: "brand", href: "#/library", "aria-label": "Quire — library" }, h("span", { class: "brand-mark" }), "Quire"),
  h("nav", { class: "nav", "aria-label": "Sections" }, ...navLinks),
  h("div", { class: "topbar-actions" }, searchButton, importButton, zoteroButton, helpButton, themeButton),
);

initTheme(() => {
  drawThemeButton();
  redrawCharts();
});
drawThemeButton();
replace(document.getElementById("app")!, header, importer.panel, main, importer.overlay, shortcuts.element, palette.element);
window.addEventListener("hashchange", () => void render());
document.addEventListener("keydown", onKeyDown);
void render();
