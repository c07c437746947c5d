import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { offlineServiceWorker } from './build/offline-service-worker.js';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  // Relative asset paths: the built folder works from any sub-path of a static host.
  base: './',
  // The page imports the engine (../src), the library (../litmus) and the models as text.
  server: { fs: { allow: [repositoryRoot] } },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  plugins: [offlineServiceWorker()],
});
