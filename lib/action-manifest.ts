import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// Server actions arrive as POSTs naming an action id that the build chose. The build's
// server-reference manifest maps each id to the exported function's name, which is how
// the middleware finds the action's gate in lib/rbac/gates.ts (and how an attacker
// would find the ids: tests post them the same way).

interface ManifestEntry {
  exportedName?: string;
}
interface Manifest {
  node?: Record<string, ManifestEntry>;
}

const FILE = path.join(process.cwd(), '.next/server/server-reference-manifest.json');
let loaded: { mtimeMs: number; names: Map<string, string> } | undefined;

function load(): Map<string, string> {
  let mtimeMs = 0;
  try {
    mtimeMs = statSync(FILE).mtimeMs;
  } catch {
    return new Map();
  }
  // Reread when the file changes (next dev writes it as pages compile).
  if (loaded && loaded.mtimeMs === mtimeMs) return loaded.names;
  const manifest = JSON.parse(readFileSync(FILE, 'utf8')) as Manifest;
  const names = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    if (entry.exportedName) names.set(id, entry.exportedName);
  }
  loaded = { mtimeMs, names };
  return names;
}

/** The exported name of the server action with this id, or undefined if none has it. */
export function actionNameOf(actionId: string): string | undefined {
  return load().get(actionId);
}
