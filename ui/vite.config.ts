/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  // Tauri serves dist/ from its own origin; relative URLs keep that working.
  base: './',
  clearScreen: false,
  plugins: [
    svelte({
      compilerOptions: {
        // The app's CSP is `style-src 'self'`: component CSS must be emitted
        // as files, never injected at runtime as <style> text.
        css: 'external',
      },
    }),
    svelteTesting(),
  ],
  server: {
    port: 1420,
    strictPort: true,
    // The catalogues of what a person reads live beside the core that also
    // embeds them (../messages), outside this folder.
    fs: { allow: ['.', '../messages'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inlining small assets would produce data: fonts, which `font-src 'self'`
    // forbids.
    assetsInlineLimit: 0,
    target: 'es2022',
    // Read from disk by a desktop app, so download size matters little; what
    // the first paint parses stays in the web process's memory, which `make
    // bench` holds to a target. Parts not needed at first paint are dynamic
    // imports (the panels and dialogs in src/lib/session/on-use.ts, the
    // body's HTML grammar in src/lib/markdown-html.ts); a warning here means
    // the first chunk grew by an editor's worth.
    chunkSizeWarningLimit: 640,
    // The parts loaded on first use must add no element to the page as they
    // load (the hostile-preview journey counts the page's links and styles):
    // their CSS stays in the one stylesheet, which is small, and no
    // <link rel="modulepreload"> is put in.
    cssCodeSplit: false,
    modulePreload: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
    // Dates in the list are shown in the machine's local time; pin the zone
    // so expectations like "27/11/2026 20:15" hold on any machine.
    env: { TZ: 'Asia/Ho_Chi_Minh' },
  },
});
