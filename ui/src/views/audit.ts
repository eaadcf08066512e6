// The reader's citation audit: coloured citations in the body (the engine
// wraps each in `span.cite[data-cite][data-status]`), a popover with the
// matched entry, the audit panel listing issues with jump-to, and the
// reference-list panel whose entries can be corrected and re-checked.
// Everything here is built with text nodes; only the body's HTML came from
// the engine.

import {
  auditDocument,
  correctReference,
  countByKind,
  kindLabel,
  parsedFields,
  shortLabel,
  sortedIssues,
  tone,
  type Audit,
  type Issue,
  type Status,
} from "../citations";
import { getDocument } from "../api";
import { h, replace, setEngineHtml } from "../dom";
import { errorText } from "../errors";
import { plural } from "../format";
import { cslForm } from "../csl-form";

export interface AuditView {
  onKey(event: KeyboardEvent): boolean;
  dispose(): void;
}

const STATUS_LABEL: Record<Status, string> = {
  ok: "Matches its entry",
  missing_reference: "Missing reference",
  year_mismatch: "Year mismatch",
  name_mismatch: "Name mismatch",
  et_al_mismatch: "Et al. mismatch",
};

/** Mounts the audit on a reader already in `root`; loads the audit itself. */
export function mountAudit(id: number, root: HTMLElement): AuditView {
  const body = root.querySelector<HTMLElement>('[data-testid="reader-body"]')!;
  const panel = root.querySelector<HTMLElement>('[data-testid="reader-panel"]')!;
  const layout = root.querySelector<HTMLElement>(".reader-layout");
  const referenceItems = () => [...root.querySelectorAll<HTMLElement>('[data-testid="reader-references"] li')];

  let audit: Audit | null = null;
  let issues: Issue[] = [];
  let current = -1;
  let openRef: number | null = null;
  let editing: number | null = null;
  let shown = true;

  const auditSection = h("section", { class: "panel-section audit-panel", testid: "audit-panel", "aria-label": "Citation audit" });
  const refSection = h("section", { class: "panel-section ref-panel", testid: "ref-panel", "aria-label": "Reference list" });
  const toggleButton = h(
    "button",
    { class: "button small audit-toggle", testid: "audit-toggle", "aria-pressed": "true", onclick: () => toggle() },
    "Citation audit",
  );
  const popover = h("div", { class: "cite-popover", role: "tooltip", testid: "cite-popover", hidden: true });
  let pinned = false;
  let hideTimer = 0;

  function toggle(): void {
    shown = !shown;
    auditSection.hidden = refSection.hidden = !shown;
    toggleButton.setAttribute("aria-pressed", String(shown));
    layout?.classList.toggle("has-audit", shown);
    body.classList.toggle("cites-muted", !shown);
    if (!shown) hidePopover();
  }

  function apply(next: Audit): void {
    audit = next;
    issues = sortedIssues(next.issues);
    current = Math.min(current, issues.length - 1);
    for (const span of body.querySelectorAll<HTMLElement>(".cite[data-cite]")) {
      const c = next.citations[Number(span.dataset.cite)];
      if (c) span.dataset.status = c.status;
    }
    referenceItems().forEach((li, r) => {
      li.dataset.ref = String(r);
      li.dataset.state = refState(r);
    });
    renderAudit();
    renderRefs();
  }

  function refState(r: number): "ok" | "uncited" | "malformed" {
    const kinds = audit?.issues.filter((i) => i.reference === r && i.citation === null).map((i) => i.kind) ?? [];
    if (kinds.includes("malformed_reference")) return "malformed";
    return kinds.includes("uncited_reference") ? "uncited" : "ok";
  }

  function renderAudit(): void {
    if (!audit) return;
    const counts = countByKind(audit.issues);
    const ok = audit.citations.filter((c) => c.status === "ok").length;
    replace(
      auditSection,
      h("h2", {}, "Citation audit"),
      h(
        "p",
        { class: "audit-summary", testid: "audit-summary" },
        `${plural(audit.citations.length, "citation")}, ${ok} matched · ${plural(audit.references.length, "entry", "entries")}`,
      ),
      h(
        "ul",
        { class: "cite-legend", "aria-label": "Colours" },
        h("li", { "data-tone": "ok" }, "matches"),
        h("li", { "data-tone": "warn" }, "mismatch"),
        h("li", { "data-tone": "bad" }, "missing"),
      ),
      counts.length === 0
        ? h("p", { class: "audit-clean", testid: "audit-clean" }, "Every citation has its entry and every entry is cited.")
        : h(
            "ul",
            { class: "audit-counts" },
            ...counts.map(([kind, n]) =>
              h("li", { "data-tone": tone(kind), "data-kind": kind, testid: "audit-count" }, h("b", {}, String(n)), ` ${kindLabel(kind)}`),
            ),
          ),
      issues.length > 0 &&
        h(
          "ol",
          { class: "audit-issues", testid: "audit-issues" },
          ...issues.map((issue, index) =>
            h(
              "li",
              {},
              h(
                "button",
                {
                  class: "audit-issue",
                  type: "button",
                  testid: "audit-issue",
                  "data-kind": issue.kind,
                  "data-tone": tone(issue.kind),
                  "data-citation": issue.citation ?? null,
                  "data-reference": issue.reference ?? null,
                  "aria-current": index === current ? "true" : null,
                  onclick: () => go(index),
                },
                h("span", { class: "issue-kind" }, kindLabel(issue.kind)),
                h("span", { class: "issue-message" }, issue.message),
              ),
            ),
          ),
        ),
      h("p", { class: "audit-keys muted" }, h("kbd", {}, "n"), " / ", h("kbd", {}, "p"), " next / previous issue · ", h("kbd", {}, "a"), " hide"),
    );
  }

  function renderRefs(): void {
    if (!audit) return;
    const entries = audit.references.map((ref, r) => {
      const state = refState(r);
      const open = openRef === r;
      const badge =
        state === "malformed"
          ? "incomplete"
          : state === "uncited"
            ? "never cited"
            : `cited ${ref.cited_by.length}×`;
      const details =
        open &&
        (editing === r
          ? cslForm(ref.csl, {
              testid: "ref-form",
              className: "ref-form",
              saveTestid: "ref-save",
              saveLabel: "Save and re-check",
              compact: true,
              ariaLabel: `Correct reference ${r + 1}`,
              onSave: async (item) => {
                const next = await correctReference(id, r, item);
                editing = null;
                apply(next);
              },
              onCancel: () => {
                editing = null;
                renderRefs();
              },
            })
          : h(
              "div",
              { class: "ref-details" },
              h("p", { class: "ref-raw" }, ref.text),
              h("dl", { class: "ref-fields" }, ...parsedFields(ref.csl).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
              h(
                "div",
                { class: "ref-actions" },
                h(
                  "button",
                  { class: "button small", type: "button", testid: "ref-edit", onclick: () => ((editing = r), renderRefs()) },
                  "Correct the parse",
                ),
                ref.cited_by.length > 0 &&
                  h("button", { class: "button small", type: "button", onclick: () => jumpToCitation(ref.cited_by[0]) }, "Show citation"),
              ),
            ));
      return h(
        "li",
        { class: "ref-entry", testid: "ref-entry", "data-ref": r, "data-state": state },
        h(
          "button",
          {
            class: "ref-head",
            type: "button",
            "aria-expanded": String(open),
            onclick: () => {
              openRef = open ? null : r;
              editing = null;
              renderRefs();
            },
          },
          // A numeric essay cites entries by number, so the number leads.
          h("span", { class: "ref-label" }, ref.number === undefined ? shortLabel(ref.csl) : `[${ref.number}] ${shortLabel(ref.csl)}`),
          h("span", { class: "ref-badge" }, badge),
        ),
        details,
      );
    });
    replace(
      refSection,
      h("h2", {}, "Reference list"),
      entries.length === 0 ? h("p", { class: "muted" }, "This document has no reference list.") : h("ol", {}, ...entries),
    );
  }

  function go(index: number): void {
    if (issues.length === 0) return;
    current = (index + issues.length) % issues.length;
    const issue = issues[current];
    renderAudit();
    auditSection.querySelector('[aria-current="true"]')?.scrollIntoView({ block: "nearest" });
    if (issue.citation !== null) jumpToCitation(issue.citation);
    else if (issue.reference !== null) jumpToReference(issue.reference);
  }

  function jumpToCitation(index: number): void {
    const spans = [...body.querySelectorAll<HTMLElement>(`.cite[data-cite="${index}"]`)];
    if (spans.length === 0) return;
    spans[0].scrollIntoView({ block: "center", behavior: "smooth" });
    spans.forEach(flash);
  }

  function jumpToReference(r: number): void {
    const li = referenceItems()[r];
    if (li) {
      li.scrollIntoView({ block: "center", behavior: "smooth" });
      flash(li);
    }
    openRef = r;
    editing = null;
    renderRefs();
    refSection.querySelector(`[data-ref="${r}"]`)?.scrollIntoView({ block: "nearest" });
  }

  function showPopover(span: HTMLElement, pin: boolean): void {
    if (!audit) return;
    const index = Number(span.dataset.cite);
    const c = audit.citations[index];
    if (!c) return;
    window.clearTimeout(hideTimer);
    pinned = pin || pinned;
    const issue = audit.issues.find((i) => i.citation === index);
    const ref = c.reference !== null ? audit.references[c.reference] : undefined;
    replace(
      popover,
      h(
        "p",
        { class: "pop-head" },
        h("span", { class: "pop-cite" }, c.text),
        h("span", { class: "pop-status", "data-tone": tone(c.status), testid: "pop-status" }, STATUS_LABEL[c.status]),
      ),
      c.cited_in && h("p", { class: "pop-note" }, `Secondary citation: ${c.cited_in.authors.join(" and ")} ${c.cited_in.year} must be in the list.`),
      issue && h("p", { class: "pop-message", testid: "pop-message" }, issue.message),
      ref &&
        h(
          "div",
          { class: "pop-ref" },
          h("p", { class: "ref-raw", testid: "pop-reference" }, ref.text),
          h("dl", { class: "ref-fields" }, ...parsedFields(ref.csl).flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
          h(
            "button",
            { class: "button small", type: "button", onclick: () => (hidePopover(), jumpToReference(c.reference!)) },
            "Show in reference list",
          ),
        ),
    );
    popover.hidden = false;
    const box = span.getBoundingClientRect();
    const width = Math.min(380, window.innerWidth - 24);
    popover.style.width = `${width}px`;
    popover.style.left = `${Math.max(12, Math.min(box.left, window.innerWidth - width - 12)) + window.scrollX}px`;
    const below = box.bottom + 8;
    const height = popover.offsetHeight;
    const top = below + height > window.innerHeight && box.top - height - 8 > 0 ? box.top - height - 8 : below;
    popover.style.top = `${top + window.scrollY}px`;
  }

  function hidePopover(): void {
    pinned = false;
    popover.hidden = true;
  }

  const citeOf = (target: EventTarget | null) =>
    target instanceof Element ? target.closest<HTMLElement>(".cite[data-cite]") : null;

  body.addEventListener("mouseover", (event) => {
    const span = citeOf(event.target);
    if (span && shown && !pinned) showPopover(span, false);
  });
  body.addEventListener("mouseout", (event) => {
    if (citeOf(event.target) && !pinned) hideTimer = window.setTimeout(hidePopover, 250);
  });
  body.addEventListener("click", (event) => {
    const span = citeOf(event.target);
    if (span && shown) {
      pinned = false;
      showPopover(span, true);
    }
  });
  popover.addEventListener("mouseenter", () => window.clearTimeout(hideTimer));
  popover.addEventListener("mouseleave", () => {
    if (!pinned) hidePopover();
  });
  const outside = (event: MouseEvent) => {
    if (pinned && !popover.contains(event.target as Node) && !citeOf(event.target)) hidePopover();
  };
  document.addEventListener("mousedown", outside);

  document.body.append(popover);
  panel.prepend(auditSection, refSection);
  root.querySelector(".reader-bar")?.append(toggleButton);
  layout?.classList.add("has-audit");
  auditSection.append(h("h2", {}, "Citation audit"), h("p", { class: "muted" }, "Checking citations…"));

  auditDocument(id)
    .then(async (result) => {
      // A source with no citations and no list has nothing to audit.
      if (result.citations.length === 0 && result.references.length === 0) {
        auditSection.remove();
        refSection.remove();
        toggleButton.remove();
        layout?.classList.remove("has-audit");
        return;
      }
      // A document stored before citations were recorded was rendered
      // without its spans; the audit has just recorded them.
      if (result.citations.length > 0 && !body.querySelector(".cite[data-cite]")) {
        setEngineHtml(body, (await getDocument(id)).html);
      }
      apply(result);
    })
    .catch((err: unknown) => {
      replace(
        auditSection,
        h("h2", {}, "Citation audit"),
        h("p", { class: "audit-error", role: "alert" }, `Cannot check the citations: ${errorText(err)}`),
      );
    });

  return {
    onKey(event) {
      switch (event.key) {
        case "a":
          if (!audit) return false;
          toggle();
          return true;
        case "n":
        case "p":
          if (!audit || issues.length === 0) return false;
          if (!shown) toggle();
          go(current < 0 && event.key === "p" ? -1 : current + (event.key === "n" ? 1 : -1));
          return true;
        case "Escape":
          if (popover.hidden) return false;
          hidePopover();
          return true;
        default:
          return false;
      }
    },
    dispose() {
      popover.remove();
      document.removeEventListener("mousedown", outside);
      window.clearTimeout(hideTimer);
    },
  };
}

/** Draws the eye to an element for a moment, restarting if it is already flashing. */
function flash(el: HTMLElement): void {
  el.classList.remove("flash");
  void el.offsetWidth;
  el.classList.add("flash");
  window.setTimeout(() => el.classList.remove("flash"), 1800);
}
