// WebdriverIO drives the built Quire app through tauri-driver, which hands
// the session to WebKitWebDriver. Each spec file gets a fresh app with its own
// empty data folders, so it starts from the sample library every time.
// Build the app first (scripts/test does): this config builds nothing.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import SummaryReporter, { printSummary } from "./summary-reporter.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const application = path.resolve(process.env.QUIRE_APP ?? path.join(root, "target/debug/quire-app"));
const nativeDriver = process.env.WEBKIT_WEBDRIVER ?? "/usr/bin/WebKitWebDriver";
const cargoBin = path.join(os.homedir(), ".cargo/bin");
// Set once by the launcher; the workers it starts inherit it.
process.env.QUIRE_E2E_RESULTS ??= path.join(os.tmpdir(), `quire-e2e-results-${process.pid}`);
const resultsDir = process.env.QUIRE_E2E_RESULTS;
const PORT = 4444;

let driver;
let sandbox;

export const config = {
  runner: "local",
  hostname: "127.0.0.1",
  port: PORT,
  specs: ["./specs/**/*.spec.js"],
  maxInstances: 1,
  capabilities: [{ maxInstances: 1, "tauri:options": { application } }],
  logLevel: "warn",
  waitforTimeout: 15_000,
  connectionRetryTimeout: 120_000,
  connectionRetryCount: 1,
  framework: "mocha",
  mochaOpts: { ui: "bdd", timeout: 120_000 },
  reporters: ["spec", [SummaryReporter, { resultsDir }]],

  onPrepare() {
    if (!existsSync(application)) {
      throw new Error(`no app binary at ${application}: build it first (scripts/test does)`);
    }
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });
  },

  // Runs in the worker before the WebDriver session exists: start a driver
  // whose environment points every data folder at a new temporary directory.
  // The app inherits it, so the tests never touch the user's real library.
  // The app's test hooks (src-tauri/src/test_hooks.rs, debug builds only)
  // stand in for the file dialogs, the browser and drag and drop from other
  // applications; the specs reach the three files through the same
  // variables (support.js: pickNext, openedUrls, dropFiles).
  async beforeSession() {
    sandbox = mkdtempSync(path.join(os.tmpdir(), "quire-e2e-"));
    process.env.QUIRE_E2E_PICK = path.join(sandbox, "pick.txt");
    process.env.QUIRE_E2E_OPENED = path.join(sandbox, "opened.txt");
    process.env.QUIRE_E2E_DROP = path.join(sandbox, "drop.txt");
    const env = {
      ...process.env,
      PATH: `${cargoBin}:${process.env.PATH}`,
      QUIRE_LIBRARY: path.join(sandbox, "library"),
      HOME: sandbox,
      XDG_DATA_HOME: path.join(sandbox, "data"),
      XDG_CONFIG_HOME: path.join(sandbox, "config"),
      XDG_CACHE_HOME: path.join(sandbox, "cache"),
      WEBKIT_DISABLE_COMPOSITING_MODE: "1",
    };
    driver = spawn("tauri-driver", ["--port", String(PORT), "--native-driver", nativeDriver], {
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    driver.on("error", (err) => console.error(`cannot start tauri-driver: ${err.message}`));
    await waitForPort(PORT, 15_000);
  },

  afterSession() {
    driver?.kill();
    driver = undefined;
    // The app may still be writing as it exits: retry rather than fail on ENOTEMPTY.
    if (sandbox) rmSync(sandbox, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  },

  onComplete(exitCode, _config, _capabilities, results) {
    printSummary(resultsDir, exitCode === 0 ? 0 : Math.max(results.failed, 1));
  },
};

/** Resolves once something accepts connections on the port, or fails after `timeout` ms. */
async function waitForPort(port, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`tauri-driver did not listen on port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
