// The rubric editor of the new-round form: a rubric's criteria (name,
// weight, maximum score) and each criterion's level bands (score range and
// descriptor), edited in place. It returns the rubric as typed; the engine
// checks it (weights above 0, bands within 0..max) when the round or the
// template is saved, and its message is shown.

import type { Rubric, RubricCriterion } from "../../api";
import { h, replace } from "../../dom";
import { weightShare } from "./scoring";

export interface RubricEditor {
  element: HTMLElement;
  /** The rubric as it stands in the editor. */
  value(): Rubric;
  /** Shows `rubric` for editing (a copy: the original is left alone). */
  set(rubric: Rubric): void;
}

export function rubricEditor(): RubricEditor {
  let rubric: Rubric = { name: "", criteria: [] };
  const element = h("div", { class: "rubric-editor", testid: "rubric-editor" });

  const num = (value: number, onset: (n: number) => void, label: string, testid?: string) =>
    h("input", {
      class: "text-input small num-input",
      type: "number",
      min: 0,
      step: "any",
      value: String(value),
      "aria-label": label,
      testid: testid ?? null,
      oninput: (event: Event) => {
        const n = Number((event.target as HTMLInputElement).value);
        if (Number.isFinite(n)) onset(n);
        drawShares();
      },
    });

  const text = (value: string, onset: (s: string) => void, label: string, placeholder = "") =>
    h("input", {
      class: "text-input small",
      value,
      placeholder,
      "aria-label": label,
      oninput: (event: Event) => onset((event.target as HTMLInputElement).value),
    });

  function drawShares(): void {
    element.querySelectorAll<HTMLElement>("[data-share]").forEach((el) => {
      const c = rubric.criteria[Number(el.dataset.share)];
      el.textContent = c ? weightShare(rubric, c) : "";
    });
  }

  function criterion(c: RubricCriterion, i: number): HTMLElement {
    return h(
      "li",
      { class: "rubric-criterion", testid: "rubric-criterion" },
      h(
        "div",
        { class: "rubric-row" },
        text(c.name, (s) => (c.name = s), "Criterion name", "Criterion"),
        h("label", { class: "mini" }, "weight", num(c.weight, (n) => (c.weight = n), `${c.name} weight`)),
        h("span", { class: "muted share", "data-share": i }, weightShare(rubric, c)),
        h("label", { class: "mini" }, "max", num(c.max, (n) => (c.max = n), `${c.name} maximum score`)),
        h("button", { class: "icon-button small", type: "button", title: "Remove this criterion", "aria-label": `Remove ${c.name}`, onclick: () => (rubric.criteria.splice(i, 1), draw()) }, "×"),
      ),
      h(
        "ol",
        { class: "rubric-levels" },
        ...c.levels.map((level, j) =>
          h(
            "li",
            { class: "rubric-level" },
            num(level.min, (n) => (level.min = n), "Band from"),
            h("span", { class: "muted" }, "–"),
            num(level.max, (n) => (level.max = n), "Band to"),
            text(level.descriptor, (s) => (level.descriptor = s), "Band descriptor", "What work in this band does"),
            h("button", { class: "icon-button small", type: "button", "aria-label": "Remove this band", onclick: () => (c.levels.splice(j, 1), draw()) }, "×"),
          ),
        ),
      ),
      h(
        "button",
        {
          class: "link-button",
          type: "button",
          onclick: () => {
            const top = c.levels.length > 0 ? c.levels[c.levels.length - 1].max : -1;
            c.levels.push({ min: Math.min(c.max, top + 1), max: c.max, descriptor: "" });
            draw();
          },
        },
        "+ band",
      ),
    );
  }

  function draw(): void {
    replace(
      element,
      h(
        "label",
        { class: "field" },
        "Rubric name",
        text(rubric.name, (s) => (rubric.name = s), "Rubric name"),
      ),
      h("ol", { class: "rubric-criteria" }, ...rubric.criteria.map(criterion)),
      h(
        "button",
        {
          class: "button small",
          type: "button",
          testid: "rubric-add-criterion",
          onclick: () => {
            rubric.criteria.push({ name: "", weight: 1, max: 10, levels: [] });
            draw();
          },
        },
        "+ Criterion",
      ),
    );
  }

  draw();
  return {
    element,
    value: () => JSON.parse(JSON.stringify(rubric)) as Rubric,
    set(next) {
      rubric = JSON.parse(JSON.stringify(next)) as Rubric;
      draw();
    },
  };
}
