#!/usr/bin/env node
// The command line, bundled into one file by `npm run build` (scripts/bundle.mjs).
import '../dist/litmus.js';
