import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests only: the browser tests need a built site and Chromium, and run
// with `npm run test:browser` (vitest.browser.config.ts).
export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/browser/**', 'web/**'],
    // No wall-clock limit on a spec: CI runs on a shared 2-core machine, where
    // a CLI run that takes 1 s alone may take 7; speed is `npm run bench`'s.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
