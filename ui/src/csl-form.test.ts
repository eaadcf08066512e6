import { describe, expect, it } from "vitest";
import type { CslItem } from "./api";
import { chan } from "./test-fixtures";
import { shortLabel } from "./citations";
import { dateText, fromForm, parseDate, readForm, toForm, typeLabel } from "./csl-form";

describe("the CSL edit form", () => {
  it("round-trips an item untouched, keeping fields it does not show", () => {
    expect(fromForm(chan, toForm(chan))).toEqual(chan);
    const odd: CslItem = { type: "song", issued: { literal: "Spring 1999" }, "year-suffix": "b", custom: { x: 1 } };
    expect(toForm(odd).year).toBe("Spring 1999");
    expect(fromForm(odd, toForm(odd))).toEqual(odd);
    expect(fromForm({ type: "book", issued: { "date-parts": [[850]] } }, toForm({ type: "book", issued: { "date-parts": [[850]] } }))).toEqual({
      type: "book",
      issued: { "date-parts": [[850]] },
    });
  });

  it("applies corrections and drops emptied fields", () => {
    const form = toForm(chan);
    form.author = "Chan, C.\nNegai, S.";
    form.editor = "BASW";
    form.year = "2018b";
    form.status = " in press ";
    form.fields.volume = " ";
    form.fields.publisher = " Routledge ";
    const item = fromForm(chan, form) as CslItem;
    expect(item.author).toEqual([
      { family: "Chan", given: "C." },
      { family: "Negai", given: "S." },
    ]);
    expect(item.editor).toEqual([{ literal: "BASW" }]);
    expect(item.issued).toEqual({ "date-parts": [[2018]] });
    expect(item["year-suffix"]).toBe("b");
    expect(item.status).toBe("in press");
    expect(item.volume).toBeUndefined();
    expect(item.publisher).toBe("Routledge");
    expect(item.accessed).toEqual(chan.accessed);
    expect(shortLabel(item)).toBe("Chan and Negai 2018b");
  });

  it("shows the date with its month and day, and reads them back", () => {
    expect(toForm(chan).year).toBe("2019-03");
    expect(dateText({ type: "book", issued: { "date-parts": [[2010, 1, 5]] }, "year-suffix": "a" })).toBe("2010a-01-05");
    const item = fromForm(chan, { ...toForm(chan), year: "2020-11-30" }) as CslItem;
    expect(item.issued).toEqual({ "date-parts": [[2020, 11, 30]] });
    expect(item["year-suffix"]).toBeUndefined();
    expect((fromForm(chan, { ...toForm(chan), year: "2021" }) as CslItem).issued).toEqual({ "date-parts": [[2021]] });
  });

  it("accepts a four-digit year, optionally with a suffix, month and day", () => {
    expect(parseDate("2019")).toEqual({ parts: [2019], suffix: "" });
    expect(parseDate(" 2019a ")).toEqual({ parts: [2019], suffix: "a" });
    expect(parseDate("2019-3")).toEqual({ parts: [2019, 3], suffix: "" });
    expect(parseDate("2020-02-29")).toEqual({ parts: [2020, 2, 29], suffix: "" });
    for (const bad of ["19", "201", "20199", "2019ab", "2019A", "2019-13", "2019-00", "2019-02-29", "2019-04-31", "2019-03-", "c. 2019", "2019/03", "last year", "12abc"]) {
      expect(parseDate(bad), bad).toBeNull();
    }
  });

  it("refuses a date that is not one, and clears an emptied date", () => {
    expect(fromForm(chan, { ...toForm(chan), year: "last year" })).toMatch(/not a year/);
    expect(fromForm(chan, { ...toForm(chan), year: "19" })).toMatch(/not a year/);
    const cleared = fromForm({ ...chan, "year-suffix": "a" }, { ...toForm(chan), year: "  " }) as CslItem;
    expect(cleared.issued).toBeUndefined();
    expect(cleared["year-suffix"]).toBeUndefined();
  });

  it("keeps a type it does not list, and names the ones it does", () => {
    expect((fromForm(chan, { ...toForm(chan), type: "dataset" }) as CslItem).type).toBe("dataset");
    expect((fromForm(chan, { ...toForm(chan), type: " " }) as CslItem).type).toBe("document");
    expect(typeLabel("article-journal")).toBe("Journal article");
    expect(typeLabel("dataset")).toBe("dataset");
  });

  it("reads the form's fields by name", () => {
    const data = new FormData();
    data.set("type", "book");
    data.set("author", "Ruch, G.");
    data.set("year", "2010");
    data.set("title", "Relationship-based social work");
    const form = readForm(data);
    expect(form).toMatchObject({ type: "book", author: "Ruch, G.", editor: "", year: "2010", status: "" });
    expect(form.fields.title).toBe("Relationship-based social work");
    expect(form.fields.DOI).toBe("");
    expect(fromForm({ type: "document" }, form)).toEqual({
      type: "book",
      author: [{ family: "Ruch", given: "G." }],
      issued: { "date-parts": [[2010]] },
      title: "Relationship-based social work",
    });
  });
});
