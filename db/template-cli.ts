import path from 'node:path';
import { env } from '@/lib/env';
import { writeTemplate } from './template';

const file = path.resolve(process.argv[2] ?? '.next/pglite-template.tar.gz');
if (env().DATABASE_URL) {
  // A build for PostgreSQL has no use for the embedded database (docs/deploy.md, "Build").
  console.log('DATABASE_URL is set: no embedded database template written.');
} else {
  const t = Date.now();
  await writeTemplate(file);
  console.log(
    `Embedded database template written to ${path.relative(process.cwd(), file)} in ${Date.now() - t} ms`,
  );
}
