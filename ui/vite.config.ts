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
    // One bundle read from disk by a desktop app (CodeMirror with its Markdown
    // and embedded-HTML grammars is most of it); size matters little here.
    chunkSizeWarningLimit: 1024,
    // The parts loaded on first use (src/lib/session/on-use.ts) must add no
    // element to the page as they load (the hostile-preview journey counts
    // the page's links and styles): their CSS stays in the one stylesheet,
    // which is small, and no <link rel="modulepreload"> is put in.
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
