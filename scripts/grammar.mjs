// Draws grammar/litmus.html: railroad diagrams of the .litmus parser.
// Run after `npm run build` (it reads the compiled parser from dist/).
// chevrotain's page loads its scripts from a CDN; we inline the copies that
// ship in node_modules/chevrotain/diagrams so the page works offline.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSyntaxDiagramsCode } from 'chevrotain';
import { getSerializedLitmusGrammar } from '../dist/syntax/railroad.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const diagramsDir = join(root, 'node_modules', 'chevrotain', 'diagrams');
const BASE = 'https://litmus.invalid/diagrams/';

const asset = (relative) => readFileSync(join(diagramsDir, relative), 'utf8');
const inlineScript = (relative) => `<script>\n${asset(relative).replace(/<\/script/gi, '<\\/script')}\n</script>`;

let html = createSyntaxDiagramsCode(getSerializedLitmusGrammar(), { resourceBase: BASE, css: `${BASE}diagrams.css` });
html = html.replace(`<link rel='stylesheet' href='${BASE}diagrams.css'>`, () => `<style>\n${asset('diagrams.css')}\n</style>`);
html = html.replace(/<script src='https:\/\/litmus\.invalid\/diagrams\/([^']+)'><\/script>/g, (_, relative) => inlineScript(relative));
html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n<title>The .litmus grammar</title>');
if (html.includes('litmus.invalid')) throw new Error('grammar.mjs: a diagrams asset was not inlined');

mkdirSync(join(root, 'grammar'), { recursive: true });
writeFileSync(join(root, 'grammar', 'litmus.html'), html);
console.log('wrote grammar/litmus.html');
