import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { describeError, errorText } from "./errors";

describe("ApiError.from", () => {
  it("keeps the kind and message a command rejected with", () => {
    const err = ApiError.from({ kind: "read_only", message: "the library in /lib is read-only" });
    expect(err).toBeInstanceOf(Error);
    expect(err.kind).toBe("read_only");
    expect(err.message).toBe("the library in /lib is read-only");
  });

  it("makes anything else an internal error with its text", () => {
    expect(ApiError.from("invalid args `id` for command `get_work`").kind).toBe("internal");
    expect(ApiError.from({ message: "no kind" }).kind).toBe("internal");
    expect(ApiError.from({ kind: "weird", message: "unknown kind" }).kind).toBe("internal");
    expect(ApiError.from(new TypeError("x is undefined")).message).toBe("x is undefined");
  });
});

describe("describeError", () => {
  it("says a missing item is gone and offers a refresh", () => {
    const report = describeError(new ApiError("not_found", "not found: list `Week 3`"));
    expect(report.text).toBe(
      "List `Week 3` is no longer in the library (perhaps it was deleted in another window). Refresh to see the library as it is now.",
    );
    expect(report.refresh).toBe(true);
  });

  it("says the library is read-only", () => {
    const report = describeError({ kind: "read_only", message: "the library in /lib is read-only" });
    expect(report.text).toBe("The library is read-only: nothing in it can be changed here (the library in /lib is read-only).");
    expect(report.refresh).toBe(false);
  });

  it("shows a file error's message, which names the file", () => {
    expect(errorText({ kind: "io", message: "/home/a/refs.bib: permission denied" })).toBe(
      "/home/a/refs.bib: permission denied",
    );
  });

  it("shows an invalid request's message as a sentence", () => {
    expect(errorText({ kind: "invalid", message: "a list needs a name" })).toBe("A list needs a name");
  });

  it("names the database or index for a library failure", () => {
    expect(errorText({ kind: "library", message: "library database: disk I/O error" })).toBe(
      "The library's database or index failed: library database: disk I/O error",
    );
  });

  it("reports a bug without repeating 'internal error'", () => {
    expect(errorText({ kind: "internal", message: "internal error: begin > end when slicing" })).toBe(
      "Something went wrong inside Quire: begin > end when slicing (the rest of the library is intact).",
    );
  });

  it("treats an exception in the page itself as internal", () => {
    expect(describeError(new TypeError("rows is undefined")).kind).toBe("internal");
  });
});
