import path from 'node:path';
import { writeTemplate } from './template';

const file = path.resolve(process.argv[2] ?? '.next/pglite-template.tar.gz');
const t = Date.now();
await writeTemplate(file);
console.log(
  `Embedded database template written to ${path.relative(process.cwd(), file)} in ${Date.now() - t} ms`,
);
