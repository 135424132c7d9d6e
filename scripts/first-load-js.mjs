#!/usr/bin/env node
// First Load JS of an app route, gzipped, in kB, as `next build` prints it: the page's
// JavaScript and that of every layout above it, each file counted once.
// Usage (after `npm run build`): node scripts/first-load-js.mjs /organisation/users
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const route = process.argv[2];
if (!route) {
  console.error('usage: node scripts/first-load-js.mjs /route');
  process.exit(2);
}
const next = path.resolve(import.meta.dirname, '../.next');
const { pages } = JSON.parse(readFileSync(path.join(next, 'app-build-manifest.json'), 'utf8'));
// Route groups such as (dashboard) are not part of the URL.
const urlOf = (entry) => entry.replace(/\/\([^/)]+\)/g, '').replace(/\/(page|layout)$/, '') || '/';
const page = Object.keys(pages).find((k) => k.endsWith('/page') && urlOf(k) === route);
if (!page) {
  console.error(`no page for ${route}`);
  process.exit(1);
}
const segments = page.split('/').slice(1, -1);
const layouts = segments.map((_, i) => `/${segments.slice(0, i).join('/')}${i ? '/' : ''}layout`);
const files = new Set([page, ...layouts].flatMap((k) => pages[k] ?? []));
const bytes = [...files]
  .filter((f) => f.endsWith('.js'))
  .reduce((sum, f) => sum + gzipSync(readFileSync(path.join(next, f))).length, 0);
console.log((bytes / 1000).toFixed(1));
