import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vitest/config";

// The server (hotelcoupon) serves dist/ itself. `npm run dev` proxies the API to a running server
// (HC_API_TARGET, default http://127.0.0.1:8080; start it with --allowed-origins set to the dev origin).
const apiTarget = process.env.HC_API_TARGET ?? "http://127.0.0.1:8080";
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  esbuild: { jsx: "automatic" },
  build: {
    target: "es2022",
    assetsInlineLimit: 0, // the Content-Security-Policy allows no inline data for scripts and styles
    reportCompressedSize: true,
    chunkSizeWarningLimit: 400, // the shared vendor chunk (React, the router, the query cache): ~120 KB gzipped
    rollupOptions: {
      // React Server Components' "use client" lines mean nothing in a browser bundle; rollup's notice is noise.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
      output: {
        // Each screen's chunk is named after its feature (discover-3f9a1c.js), not after its index.ts.
        chunkFileNames: (chunk) => {
          const feature = /features\/([^/]+)\/index\.ts$/.exec(chunk.facadeModuleId ?? "")?.[1];
          return `assets/${feature ?? "[name]"}-[hash].js`;
        },
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: apiTarget, ws: true },
      "/media": apiTarget,
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/testing/setup.ts"],
    restoreMocks: true,
  },
});
