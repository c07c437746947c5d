import { configDefaults, defineConfig } from 'vitest/config';

// Unit tests only: the browser tests need a built site and Chromium, and run
// with `npm run test:browser` (vitest.browser.config.ts).
export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, 'test/browser/**', 'web/**'],
  },
});
