import { describe, expect, it } from "vitest";
import { chan } from "./test-fixtures";
import { countByKind, parsedFields, parseNames, sortedIssues, type Issue } from "./citations";

describe("the audit panel's data", () => {
  it("reads people and organisations one a line", () => {
    expect(parseNames("Chan, C.\n\n  BASW \nPlato,")).toEqual([{ family: "Chan", given: "C." }, { literal: "BASW" }, { family: "Plato" }]);
  });

  it("lists parsed fields with labels", () => {
    const rows = Object.fromEntries(parsedFields(chan));
    expect(rows.Author).toBe("Chan, C.; Ngai, S.");
    expect(rows.Year).toBe("2019");
    expect(rows.Accessed).toBe("2020-02-01");
  });

  it("counts and orders issues by kind, then by place", () => {
    const issues: Issue[] = [
      { kind: "uncited_reference", citation: null, reference: 2, message: "" },
      { kind: "name_mismatch", citation: 7, reference: 1, message: "" },
      { kind: "missing_reference", citation: 9, reference: null, message: "" },
      { kind: "missing_reference", citation: 3, reference: null, message: "" },
    ];
    expect(sortedIssues(issues).map((i) => i.citation ?? i.reference)).toEqual([3, 9, 7, 2]);
    expect(countByKind(issues)).toEqual([
      ["missing_reference", 2],
      ["name_mismatch", 1],
      ["uncited_reference", 1],
    ]);
  });
});
