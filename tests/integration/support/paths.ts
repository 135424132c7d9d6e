import path from 'node:path';

export const TEMPLATE_FILE = path.resolve('node_modules/.cache/test-pglite-template.tar.gz');
