// Copies the non-TypeScript files the built program reads at run time (the .cat models).
import { cpSync, mkdirSync } from 'node:fs';
mkdirSync('dist/cat/models', { recursive: true });
cpSync('src/cat/models', 'dist/cat/models', { recursive: true });
