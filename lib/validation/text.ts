import { z } from 'zod';

// Every text a person or a client sends goes through lineText or multilineText
// (docs/text-input.md): PostgreSQL refuses U+0000 in text (error 22021), and the other
// control characters are invisible on screen, break CSV cells and log lines, and cannot be
// typed, so they are refused with a message before any query sees them.

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** C0 controls (U+0000–U+001F), DEL and the C1 controls (U+0080–U+009F). */
function isControl(code: number, multiline: boolean): boolean {
  if (code < 0x20) return !(multiline && (code === TAB || code === LF || code === CR));
  return code >= 0x7f && code <= 0x9f;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * What is wrong with `value` as text, or null: a control character (tab, line feed and
 * carriage return are allowed in multi-line text), or half of a UTF-16 surrogate pair,
 * which is no character at all and cannot be stored as UTF-8.
 */
export function textProblem(value: string, { multiline = false } = {}): string | null {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isControl(code, multiline)) {
      const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      return `Remove the control character (${name}): use printable characters only.`;
    }
    if (isHighSurrogate(code) && isLowSurrogate(value.charCodeAt(i + 1))) i++;
    else if (isHighSurrogate(code) || isLowSurrogate(code))
      return 'This text is not valid Unicode: a character is cut in half.';
  }
  return null;
}

/**
 * `value` cut to `max` characters (never inside a surrogate pair) with every control
 * character and broken surrogate shown as U+FFFD: safe to quote back in a message.
 */
export function printable(value: string, max = Infinity): string {
  return Array.from(value)
    .slice(0, max)
    .map((c) => (textProblem(c) ? '\uFFFD' : c))
    .join('');
}

export interface TextRules {
  /** Fewest characters (after trimming); 0, the default, allows empty text. */
  min?: number;
  /** Most characters (after trimming). */
  max: number;
  /** The message when the value is missing or not text, and when it is empty but `min` ≥ 1. */
  required?: string;
  /** The message when shorter than `min`; defaults to `required`. */
  tooShort?: string;
  /** The message when longer than `max`; "Use at most N characters." by default. */
  tooLong?: string;
  /** Keep surrounding whitespace (passwords, tokens); text is trimmed by default. */
  trim?: boolean;
}

/** Schemas made by multilineText, so that tests can tell which fields may hold line breaks. */
export const multilineTexts = z.registry<{ multiline: true }>();

function text(rules: TextRules, multiline: boolean) {
  const { min = 0, max, required, trim = true } = rules;
  let schema = z.string(required ? { error: required } : undefined);
  if (trim) schema = schema.trim();
  // The character check comes first, so that its message is the one shown.
  schema = schema.superRefine((value, ctx) => {
    const problem = textProblem(value, { multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: problem, continue: false });
  });
  if (min > 0)
    schema = schema.min(min, rules.tooShort ?? required ?? `Use at least ${min} characters.`);
  return schema.max(max, rules.tooLong ?? `Use at most ${max} characters.`);
}

/** One line of text: no control characters at all; trimmed unless `trim: false`. */
export function lineText(rules: TextRules) {
  return text(rules, false);
}

/** Text that may span lines: tab, line feed and carriage return, and no other control. */
export function multilineText(rules: TextRules) {
  return text(rules, true).register(multilineTexts, { multiline: true });
}

/**
 * A URL's query parameters (`Object.fromEntries(searchParams)`), refused as a whole when
 * a value has a control character, before the filters' own schemas drop what they cannot
 * read. The REST API answers 422 for these instead of quietly ignoring the filter.
 */
export const queryParamsSchema = z.record(z.string(), z.string()).superRefine((params, ctx) => {
  for (const [key, value] of Object.entries(params)) {
    const problem = textProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [key] });
  }
});
