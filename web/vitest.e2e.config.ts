import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vitest/config";

// End-to-end: the real hotelcoupon server (HC_SERVER_BIN) with a fresh database, serving web/dist, driven by
// Debian's Chromium through playwright-core. One file at a time; steps inside a file run in order.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { concurrent: false },
  },
});
