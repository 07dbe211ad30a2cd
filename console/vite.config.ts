import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The ops console and the vendor portal: static single-page apps, served offline under /console/ (and /portal/) and on AWS by CloudFront. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 400,
    // Two apps from one build: the ops console, and the vendor portal at portal/ (its own entry).
    rollupOptions: { input: { console: resolve(import.meta.dirname, 'index.html'), portal: resolve(import.meta.dirname, 'portal/index.html') } },
  },
  logLevel: 'warn',
});
