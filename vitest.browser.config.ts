import { defineConfig } from 'vitest/config';

// The playground's end-to-end tests: Chromium (Debian's, through
// playwright-core) against the site built by `npm run web:build`.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // A real browser on a shared 2-core CI machine can miss a deadline once;
    // a test that fails twice in a row is a real failure.
    retry: 1,
  },
});
