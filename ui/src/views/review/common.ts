// Pieces every review screen shares: the workspace's addresses, who the
// person is acting as in a round (remembered per round), the round's
// header with its tabs, state pills, a status line for what a button did,
// and the confirmation dialog for what cannot be undone.

import type { MarkState } from "../../api";
import { h, replace } from "../../dom";
import { errorText } from "../../errors";
import { icon } from "../../icons";
import { stateLabel } from "./scoring";

/** Who acts when no marker is chosen: the round's coordinator and moderator. */
export const COORDINATOR = "Coordinator";

const enc = encodeURIComponent;

export const href = {
  index: () => "#/review",
  round: (round: string, as?: string) => `#/review/${enc(round)}${as ? `?as=${enc(as)}` : ""}`,
  mark: (round: string, code: string, marker: string) => `#/review/${enc(round)}/mark/${enc(code)}/${enc(marker)}`,
  moderate: (round: string, code: string) => `#/review/${enc(round)}/moderate/${enc(code)}`,
  results: (round: string) => `#/review/${enc(round)}/results`,
  trail: (round: string, code?: string | null) => `#/review/${enc(round)}/trail${code ? `/${enc(code)}` : ""}`,
};

/** A route parameter as written in the address, decoded. */
export function param(raw: string | undefined): string {
  if (!raw) return "";
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const actorKey = (round: string) => `quire.review.as.${round}`;

/** Who the person last acted as in `round` (a marker's name or the coordinator). */
export function actingAs(round: string): string {
  try {
    return localStorage.getItem(actorKey(round)) ?? COORDINATOR;
  } catch {
    return COORDINATOR;
  }
}

export function setActingAs(round: string, who: string): void {
  try {
    localStorage.setItem(actorKey(round), who);
  } catch {
    // Private mode or a full store: the choice lasts for this page only.
  }
}

export type Tab = "round" | "results" | "trail" | "other";

/**
 * The header of a round's screens: a way back, the round's name, what kind
 * of round it is and the round's tabs.
 */
export function roundHead(round: string, current: Tab, facts: (string | Node)[] = [], actions: Node[] = []): HTMLElement {
  const tab = (id: Tab, label: string, to: string) =>
    h("a", { class: "tab", href: to, testid: `tab-${id}`, "aria-current": current === id ? "page" : null }, label);
  return h(
    "header",
    { class: "review-head" },
    h("a", { class: "back-link", href: href.index(), testid: "review-back" }, icon("back"), "Review"),
    h(
      "div",
      { class: "review-title-row" },
      h("div", { class: "review-title" }, h("h1", { testid: "round-title" }, round), facts.length > 0 && h("p", { class: "review-facts" }, ...facts)),
      actions.length > 0 && h("div", { class: "review-actions" }, ...actions),
    ),
    h(
      "nav",
      { class: "tabs", "aria-label": "Round" },
      tab("round", "Entries", href.round(round)),
      tab("results", "Results", href.results(round)),
      tab("trail", "Trail", href.trail(round)),
    ),
  );
}

/** A marking's state as a coloured pill. */
export function statePill(state: MarkState): HTMLElement {
  return h("span", { class: "pill state", "data-state": state, testid: "state" }, stateLabel(state));
}

/** A small labelled fact: "Blind", "Mean of marks". */
export function fact(text: string, tone?: "accent" | "flag" | "muted"): HTMLElement {
  return h("span", { class: "pill", "data-tone-pill": tone ?? null }, text);
}

/** A line under a toolbar that says what the last action did, or why it failed. */
export function statusLine(testid: string): { element: HTMLElement; ok(text: string): void; fail(err: unknown): void; clear(): void } {
  const element = h("p", { class: "review-status", testid, role: "status", "aria-live": "polite" });
  return {
    element,
    ok(text) {
      element.classList.remove("error");
      element.textContent = text;
    },
    fail(err) {
      element.classList.add("error");
      element.textContent = errorText(err);
    },
    clear() {
      element.classList.remove("error");
      element.textContent = "";
    },
  };
}

/**
 * Asks before something that cannot be undone; resolves true when the
 * person confirms. Escape or the backdrop cancels.
 */
export function confirmAction(title: string, text: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const ok = h("button", { class: "button primary", type: "button", testid: "confirm-ok", onclick: () => done(true) }, confirmLabel);
    const dialog = h(
      "dialog",
      { class: "shortcuts confirm", testid: "confirm", "aria-labelledby": "confirm-title" },
      h("h2", { id: "confirm-title" }, title),
      h("p", { class: "confirm-text" }, text),
      h(
        "div",
        { class: "dialog-actions" },
        h("button", { class: "button", type: "button", testid: "confirm-cancel", onclick: () => done(false) }, "Cancel"),
        ok,
      ),
    );
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      done(false);
    });
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    ok.focus();
  });
}

/** Replaces a screen's body with a failure, for errors a screen cannot recover from. */
export function showFailure(root: HTMLElement, err: unknown): void {
  replace(root, h("div", { class: "error-state", testid: "error" }, h("h1", {}, "Something went wrong"), h("p", {}, errorText(err))));
}

/** "4 Dec 2026, 20:38" from an ISO time. */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/**
 * A progress bar, `done` of `total`. Its width is set through the CSSOM:
 * the app's CSP (style-src 'self') refuses style attributes.
 */
export function progressBar(done: number, total: number, testid?: string): HTMLElement {
  const fill = h("span", {});
  fill.style.width = `${total > 0 ? Math.round((100 * done) / total) : 0}%`;
  return h("div", { class: "progress-bar", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": total, "aria-valuenow": done, testid: testid ?? null }, fill);
}
