import { defineConfig, type Plugin } from "vitest/config";

/**
 * The app freezes Object.prototype (tauri.conf.json: freezePrototype), so
 * assigning a property that only Object.prototype has (`constructor`)
 * throws. ECharts' scheduler copies every name of a class's prototype onto
 * a plain object that way, `constructor` included, and the module failed
 * to load. This defines the properties instead. The build fails if the
 * code changes, so an upgrade of ECharts looks at it again.
 */
function echartsUnderFrozenPrototype(): Plugin {
  const file = /echarts\/lib\/core\/Scheduler\.js$/;
  const assignment = "target[name_1] = noop;";
  return {
    name: "echarts-under-frozen-prototype",
    transform(code, id) {
      if (!file.test(id)) return null;
      if (!code.includes(assignment)) throw new Error(`${id}: the patched assignment is gone; check mockMethods under a frozen Object.prototype`);
      return code.replace(
        assignment,
        "Object.defineProperty(target, name_1, { value: noop, writable: true, enumerable: true, configurable: true });",
      );
    },
  };
}

// The app is served by Tauri from `dist/` (custom protocol) or, in development,
// from this dev server at the `devUrl` in src-tauri/tauri.conf.json.
export default defineConfig({
  clearScreen: false,
  plugins: [echartsUnderFrozenPrototype()],
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK on Debian 12 is the oldest engine we run in.
    target: "safari15",
    // Inline data: URLs for small assets would need a looser CSP for fonts.
    assetsInlineLimit: 0,
    // One file: WebKitGTK did not run the app's module when a second chunk
    // was preloaded through Tauri's custom protocol. The chart library is
    // about 660 kB of it (220 kB gzipped), read from disk.
    chunkSizeWarningLimit: 900,
  },
  test: { environment: "node" },
});
