import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { multilineTexts } from '@/lib/validation/text';

const DIR = path.resolve('lib/validation');

/**
 * Every zod schema exported by lib/validation/*.ts, found by importing the folder, each
 * once (under the first module and name that exports it).
 */
export async function validationSchemas(): Promise<{ name: string; schema: z.ZodType }[]> {
  const found: { name: string; schema: z.ZodType }[] = [];
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const mod = (await import(path.join(DIR, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (value instanceof z.ZodType && !found.some((s) => s.schema === value))
        found.push({ name: `${file.replace(/\.ts$/, '')}.${name}`, schema: value });
    }
  }
  return found;
}

/** The schemas directly inside `schema`'s definition (wrappers, pipes, shapes, items). */
function children(schema: z.ZodType): z.ZodType[] {
  const out: z.ZodType[] = [];
  for (const v of Object.values(schema._zod.def as unknown as Record<string, unknown>)) {
    if (v instanceof z.ZodType) out.push(v);
    else if (Array.isArray(v)) out.push(...v.filter((x): x is z.ZodType => x instanceof z.ZodType));
    else if (v && typeof v === 'object' && !(v instanceof RegExp))
      out.push(...Object.values(v).filter((x): x is z.ZodType => x instanceof z.ZodType));
  }
  return out;
}

/** `schema` and every schema inside it; with `ownValue`, not inside nested objects. */
function* walk(
  schema: z.ZodType,
  { ownValue = false, seen = new Set<z.ZodType>() } = {},
): Generator<z.ZodType> {
  if (seen.has(schema)) return;
  seen.add(schema);
  yield schema;
  if (ownValue && schema instanceof z.ZodObject) return;
  for (const child of children(schema)) yield* walk(child, { ownValue, seen });
}

/** Object keys anywhere in `schema`, and those whose value may be multi-line text. */
export function keysOf(schema: z.ZodType): { keys: string[]; multiline: Set<string> } {
  const keys = new Set<string>();
  const multiline = new Set<string>();
  for (const s of walk(schema)) {
    if (!(s instanceof z.ZodObject)) continue;
    for (const [key, field] of Object.entries(s.shape as Record<string, z.ZodType>)) {
      keys.add(key);
      if ([...walk(field, { ownValue: true })].some((f) => multilineTexts.has(f)))
        multiline.add(key);
    }
  }
  return { keys: [...keys], multiline };
}
