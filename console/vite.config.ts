import { defineConfig } from 'vite';

/** The ops console: a static single-page app, served offline under /console/ and on AWS by CloudFront. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 400 },
  logLevel: 'warn',
});
