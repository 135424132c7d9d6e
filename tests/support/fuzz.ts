import fc from 'fast-check';

// Hostile input for the property-based tests (tests/unit/fuzz-schemas.test.ts and
// tests/integration/fuzz-api.test.ts): what a careless or malicious client can send.

/**
 * Runs per property. The one knob for the fuzz suite's length: the default keeps both
 * fuzz files within about a minute on two cores; FUZZ_RUNS=1000 digs deeper.
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 20;

/** A test's time limit for `runs` runs of `msPerRun` each, on a busy machine. */
export const fuzzTimeout = (msPerRun: number) => Math.max(60_000, FUZZ_RUNS * msPerRun);

/** Control characters of every kind, and the line breaks that multi-line text allows. */
export const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\t',
  '\n',
  '\u000b',
  '\u000c',
  '\r',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009b',
  '\u009f',
];

/** Strings a person would never type but an attacker would. */
export const NASTY = [
  '',
  ' ',
  '\u00a0',
  '%00',
  '%',
  '_',
  '\\',
  '\\0',
  "'",
  '"',
  "' OR '1'='1",
  "'; DROP TABLE memberships; --",
  '1; SELECT pg_sleep(1)',
  '$1',
  '::uuid',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '=HYPERLINK("http://evil.example")',
  '+1',
  '@SUM(A1)',
  '../../etc/passwd',
  '//evil.example',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '------------------------------------',
  '0b8e5e4c-1c1a-4d8e-9f3a-6b0a7e2f4c1',
  '0B8E5E4C-1C1A-4D8E-9F3A-6B0A7E2F4C11',
  '\u202egnp.exe',
  'שלום עולם',
  'مرحبا',
  'e\u0301'.repeat(40),
  'Z\u0351\u0352\u0353\u0354\u0355\u0356',
  '\u200b\u200c\u200d\ufeff',
  '🎥🧪👩‍👩‍👧‍👦',
  '\ud83d',
  '\ude00x',
  '\ufffe\uffff',
  'x'.repeat(10_000),
  '🎥'.repeat(3_000),
];

/** Values that pass some schema, so that fuzzing reaches the fields after them. */
export const PLAUSIBLE = [
  'admin@example.com',
  'news',
  'Morning show',
  'streams:read',
  'users:invite',
  'api',
  'dashboard',
  'created',
  'live',
  'email',
  'asc',
  '25',
  '2026-11-27',
  '2026-11-27T13:19:05Z',
  'https://hooks.example/x',
  'correct horse battery staple',
  '/organisation/users',
];

const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/**
 * `base` with a control character (or a half surrogate) slipped in somewhere; half of the
 * time U+0000, the one PostgreSQL refuses outright.
 */
export function withControl(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const control = fc.oneof(fc.constant('\u0000'), fc.constantFrom(...CONTROL, '\ud83d', '\udc00'));
  return fc.tuple(base, control, fc.nat()).map(([text, c, at]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + c + text.slice(i);
  });
}

/** Text with control characters, broken surrogates, injection fragments and the like. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 3, arbitrary: withControl(fc.constantFrom(...PLAUSIBLE, ...NASTY.slice(0, 20))) },
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: anyUnit, maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  // Long text, built by repetition: generating it character by character is slow.
  fc
    .tuple(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
      fc.integer({ min: 30, max: 3_000 }),
    )
    .map(([unit, times]) => unit.repeat(times)),
);

/** Arrays and objects nested 50, 500 and 3,000 deep (built once: they are big). */
export const deep = fc.constantFrom(
  ...[50, 500, 3_000].flatMap((depth) => [
    JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown,
    JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) as unknown,
  ]),
);

/** Own keys that pollute prototypes when an object is merged carelessly. */
export const pollution = fc.constantFrom(
  JSON.parse('{"__proto__":{"polluted":true,"isAdmin":true}}') as unknown,
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
  JSON.parse('{"prototype":{"polluted":true},"__proto__":[]}') as unknown,
);

/**
 * Any JSON value (plain objects, as JSON.parse makes them), hostile at every level, with
 * objects keyed by `keys` among others.
 */
export function hostileJson(keys: readonly string[] = []): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 3, arbitrary: keys.length ? fc.constantFrom(...keys) : fc.constant('name') },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype') },
    { weight: 1, arbitrary: hostileString },
  );
  const scalar = fc.oneof(
    { weight: 6, arbitrary: hostileString },
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 60, 3600),
    fc.boolean(),
    fc.constant(null),
  );
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: scalar },
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(key, tie('value'), { maxKeys: 6, noNullPrototype: true }),
    ),
  }));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.dictionary(key, value, { minKeys: 1, maxKeys: 8, noNullPrototype: true }),
    },
    { weight: 2, arbitrary: value },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: pollution },
  );
}

/** True when `Object.prototype` has been given a property by anything under test. */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return 'polluted' in probe || 'isAdmin' in probe || Object.keys(Object.prototype).length > 0;
}
