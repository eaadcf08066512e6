// Helpers shared by the specs.

import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const byTestId = (id) => `[data-testid="${id}"]`;

/** Waits until the library table shows at least `min` rows and returns them. */
export async function libraryRows(min = 1) {
  await browser.waitUntil(async () => (await $$(byTestId("doc-row")).length) >= min, {
    timeoutMsg: `the library never showed ${min} documents`,
  });
  return $$(byTestId("doc-row"));
}

/** Plain data for every row: what a person reads in the table. */
export async function rowData() {
  await libraryRows();
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="doc-row"]')].map((tr) => ({
      id: Number(tr.dataset.id),
      title: tr.querySelector('[data-testid="doc-title"]').textContent,
      author: tr.querySelector(".author").textContent,
      affiliation: tr.querySelector(".affiliation").textContent,
      kind: tr.querySelector(".kind").textContent,
      words: tr.querySelector(".words").textContent,
      limit: tr.querySelector('[data-testid="limit-badge"]')?.textContent ?? null,
      duplicate: tr.querySelector('[data-testid="duplicate-badge"]')?.textContent ?? null,
    })),
  );
}

export async function openLibrary() {
  await browser.execute(() => (location.hash = "#/library"));
  await $(byTestId("doc-table")).waitForDisplayed();
}

/** Saves a screenshot as quire-e2e-NAME.png in $QUIRE_SCREENSHOTS (default: the temp dir). */
export async function screenshot(name) {
  const dir = process.env.QUIRE_SCREENSHOTS ?? os.tmpdir();
  await browser.saveScreenshot(path.join(dir, `quire-e2e-${name}.png`));
}

/** Calls an app command the way the UI does, through Tauri's IPC. */
export async function invoke(command, args) {
  const result = await browser.executeAsync(
    (command, args, done) =>
      window.__TAURI_INTERNALS__.invoke(command, args).then(
        (value) => done({ value }),
        // Not `error`: WebKitWebDriver takes a result with an `error` key
        // for a failed script and fails the call itself.
        (failure) => done({ failure }),
      ),
    command,
    args,
  );
  if (result.failure) {
    const { message } = result.failure;
    throw new Error(`${command} failed: ${message ?? JSON.stringify(result.failure)}`);
  }
  return result.value;
}

/**
 * The next file dialog the app opens returns `paths` (none: cancelled)
 * instead of showing itself: the app's QUIRE_E2E_PICK hook, set up in wdio.conf.js.
 */
export function pickNext(paths) {
  writeFileSync(process.env.QUIRE_E2E_PICK, paths.map((p) => `${p}\n`).join(""));
}

/** Picks `paths` in an open dialog for `purpose`, as the page does, and returns what the app granted. */
export async function pick(purpose, paths) {
  pickNext(paths);
  return invoke("pick_files", { purpose });
}

/**
 * Drops `paths` (files or folders) on the main window: the app's
 * QUIRE_E2E_DROP hook hands them to the same function a real drop event
 * calls, which grants them and tells the page, which imports them.
 */
export function dropFiles(paths) {
  // Written aside and renamed, so the app never reads half a list.
  const file = process.env.QUIRE_E2E_DROP;
  writeFileSync(`${file}.part`, paths.map((p) => `${p}\n`).join(""));
  renameSync(`${file}.part`, file);
}

/** The links the app opened in the browser so far (the QUIRE_E2E_OPENED hook). */
export function openedUrls() {
  const file = process.env.QUIRE_E2E_OPENED;
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
}
