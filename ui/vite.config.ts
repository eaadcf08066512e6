import { defineConfig } from "vitest/config";

// The app is served by Tauri from `dist/` (custom protocol) or, in development,
// from this dev server at the `devUrl` in src-tauri/tauri.conf.json.
export default defineConfig({
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK on Debian 12 is the oldest engine we run in.
    target: "safari15",
    // Inline data: URLs for small assets would need a looser CSP for fonts.
    assetsInlineLimit: 0,
  },
  test: { environment: "node" },
});
