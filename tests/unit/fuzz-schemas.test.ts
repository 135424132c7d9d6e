import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lineText, multilineText, textProblem } from '@/lib/validation/text';
import {
  FUZZ_RUNS,
  fuzzTimeout,
  PLAUSIBLE,
  hostileJson,
  hostileString,
  prototypePolluted,
  withControl,
} from '../support/fuzz';
import { keysOf, validationSchemas } from '../support/validation-schemas';

// Every zod schema exported by lib/validation, found by importing the folder, so a schema
// added later is fuzzed without touching this file. Properties: safeParse never throws;
// what it accepts holds no control character (line breaks only in multi-line text) and
// no broken surrogate; what it refuses carries a printable message; nothing pollutes
// Object.prototype.

const schemas = await validationSchemas();

/** Every string in an accepted value, with the nearest object key above it. */
function* stringsIn(
  value: unknown,
  key = '',
  seen = new Set<object>(),
): Generator<[string, string]> {
  if (typeof value === 'string') yield [key, value];
  else if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    if (Array.isArray(value)) for (const v of value) yield* stringsIn(v, key, seen);
    else for (const [k, v] of Object.entries(value)) yield* stringsIn(v, k, seen);
  }
}

const CANDIDATES: unknown[] = [
  ...PLAUSIBLE,
  '0b8e5e4c-1c1a-4d8e-9f3a-6b0a7e2f4c11',
  ['0b8e5e4c-1c1a-4d8e-9f3a-6b0a7e2f4c11'],
  ['news', 'sport'],
  ['streams:read'],
  'news, sport',
  7,
  '7',
  3600,
  true,
  undefined,
];

/** Values that `schema` accepts, among a few candidates: the start of a near-valid input. */
function plausibleFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const ok = CANDIDATES.filter((c) => schema.safeParse(c).success);
  return ok.length ? fc.constantFrom(...ok) : fc.constant(undefined);
}

/** A hostile value near a plausible one: text of it with a control character, or worse. */
function hostileFor(schema: z.ZodType, keys: string[]): fc.Arbitrary<unknown> {
  const texts = CANDIDATES.filter(
    (c): c is string => typeof c === 'string' && schema.safeParse(c).success,
  );
  return fc.oneof(
    { weight: 3, arbitrary: withControl(fc.constantFrom(...texts, ...PLAUSIBLE)) },
    { weight: 3, arbitrary: hostileString },
    fc.array(fc.oneof(hostileString, withControl(fc.constantFrom(...PLAUSIBLE))), { maxLength: 4 }),
    hostileJson(keys),
  );
}

/**
 * Input close to valid: each field plausible or hostile, so that a bad value is not
 * hidden behind another field's refusal. Schemas that are no object get the value alone.
 */
function nearValid(schema: z.ZodType, keys: string[]): fc.Arbitrary<unknown> {
  if (!(schema instanceof z.ZodObject)) return hostileFor(schema, keys);
  const shape = schema.shape as Record<string, z.ZodType>;
  return fc.record(
    Object.fromEntries(
      Object.entries(shape).map(([k, field]) => [
        k,
        fc.oneof(
          { weight: 2, arbitrary: plausibleFor(field) },
          { weight: 1, arbitrary: hostileFor(field, keys) },
        ),
      ]),
    ),
    { requiredKeys: [], noNullPrototype: true },
  );
}

/** Values no form or JSON body holds, but code might pass. */
const exotic: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.constantFrom(undefined, null, NaN, Infinity, -0, Symbol('x'), () => 1, new Error('x')),
);

/**
 * Kinds of input, and whether a request can carry them (a form or a JSON body). Only those
 * must be refused with printable messages: zod's own message for a wrong type names the
 * `constructor.name` of an object that is not plain, which JSON.parse never makes.
 */
const FAMILIES = [
  ['near-valid input', nearValid, true],
  ['any JSON', (_: z.ZodType, keys: string[]) => hostileJson(keys), true],
  ['values no form sends', () => exotic, false],
] as const;

describe('fuzzing every schema of lib/validation', () => {
  it('finds the schemas by importing the folder', () => {
    const names = schemas.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'auth.signUpSchema',
        'members.memberListQuerySchema',
        'audit.auditQuerySchema',
        'streams.createStreamSchema',
        'tokens.playbackTokenSchema',
        'webhooks.createWebhookSchema',
      ]),
    );
    console.info(
      `fuzz-schemas: ${schemas.length} schemas × ${FAMILIES.length} kinds of input × ${FUZZ_RUNS} runs`,
    );
  });

  it('tells multi-line fields from lines, however they are wrapped', () => {
    const form = z.object({
      title: lineText({ max: 50 }),
      notes: multilineText({ max: 500 }).optional().default(''),
      items: z.array(z.object({ text: multilineText({ max: 50 }) })),
    });
    expect(keysOf(form).multiline).toEqual(new Set(['notes', 'text']));
  });

  describe.each(schemas.map((s) => [s.name, s.schema] as const))('%s', (_, schema) => {
    it.each(FAMILIES)(
      '%s',
      (_family, inputs, fromRequest) => {
        const { keys, multiline } = keysOf(schema);
        fc.assert(
          fc.property(inputs(schema, keys), (input) => {
            const result = schema.safeParse(input);
            if (result.success) {
              for (const [key, s] of stringsIn(result.data)) {
                const problem = textProblem(s, { multiline: multiline.has(key) });
                if (problem)
                  throw new Error(`accepted ${JSON.stringify(s)} at "${key}": ${problem}`);
              }
            } else {
              expect(result.error.issues.length).toBeGreaterThan(0);
              for (const issue of result.error.issues) {
                expect(typeof issue.message).toBe('string');
                expect(issue.message.trim()).not.toBe('');
                if (fromRequest) expect(textProblem(issue.message), issue.message).toBeNull();
              }
            }
            expect(prototypePolluted()).toBe(false);
          }),
          { numRuns: FUZZ_RUNS },
        );
      },
      fuzzTimeout(20),
    );
  });
});
