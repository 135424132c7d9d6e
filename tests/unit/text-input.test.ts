import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { auditQuerySchema } from '@/lib/validation/audit';
import { returnPathSchema, signInSchema, signUpSchema } from '@/lib/validation/auth';
import { bulkInvitationSchema, createInvitationSchema } from '@/lib/validation/invitations';
import { memberListQuerySchema } from '@/lib/validation/members';
import { createWebhookSchema } from '@/lib/validation/webhooks';
import { roleInputSchema, updateRoleSchema } from '@/lib/validation/roles';
import {
  createStreamSchema,
  createTagSchema,
  renameTagSchema,
  setStreamTagsSchema,
  streamListQuerySchema,
} from '@/lib/validation/streams';
import {
  lineText,
  multilineText,
  printable,
  queryParamsSchema,
  textProblem,
} from '@/lib/validation/text';
import {
  passwordTokenSchema,
  playbackTokenSchema,
  verifyPlaybackSchema,
} from '@/lib/validation/tokens';

// PostgreSQL refuses U+0000 in text (error 22021): each of these inputs reached a query
// and answered 500 before text went through lib/validation/text.ts.

const NUL = '\u0000';
const UUID = '0b8e5e4c-1c1a-4d8e-9f3a-6b0a7e2f4c11';
const CONTROL_MESSAGE = /control character \(U\+[0-9A-F]{4}\)/;

/** The first message on `field` of a failed parse. */
function messageAt(schema: z.ZodType, input: unknown, field: string): string | undefined {
  const result = schema.safeParse(input);
  expect(result.success, `${JSON.stringify(input)} should be refused`).toBe(false);
  return result.error?.issues.find((i) => i.path.join('.') === field)?.message;
}

describe('a line of text', () => {
  const name = lineText({ min: 1, max: 10, required: 'Enter a name.' });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['escape', 'a\u001b[31mb', 'U+001B'],
    ['tab', 'a\tb', 'U+0009'],
    ['line feed', 'a\nb', 'U+000A'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['C1 NEL', 'a\u0085b', 'U+0085'],
    ['C1 CSI', 'a\u009bb', 'U+009B'],
  ])('refuses %s, naming it', (_, value, code) => {
    const result = name.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toContain(code);
  });

  it('refuses half of a surrogate pair, and accepts a whole one', () => {
    expect(name.safeParse('a\ud83d').error?.issues[0]?.message).toMatch(/not valid Unicode/);
    expect(name.safeParse('\udc00a').success).toBe(false);
    expect(name.parse('🎥 live')).toBe('🎥 live');
  });

  it('trims, then applies its bounds with its messages', () => {
    expect(name.parse('  Ana  ')).toBe('Ana');
    expect(name.safeParse('   ').error?.issues[0]?.message).toBe('Enter a name.');
    expect(name.safeParse(undefined).error?.issues[0]?.message).toBe('Enter a name.');
    expect(name.safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe(
      'Use at most 10 characters.',
    );
  });

  it('keeps right-to-left and combining text as typed', () => {
    expect(name.parse('שלום')).toBe('שלום');
    expect(name.parse('e\u0301te\u0301')).toBe('e\u0301te\u0301');
  });

  it('keeps surrounding spaces when asked not to trim', () => {
    expect(lineText({ max: 20, trim: false }).parse('  secret  ')).toBe('  secret  ');
  });
});

describe('multi-line text', () => {
  const notes = multilineText({ max: 100 });

  it('allows tab, line feed and carriage return', () => {
    expect(notes.parse('one\r\ntwo\tthree')).toBe('one\r\ntwo\tthree');
  });

  it.each(['a\u0000b', 'a\u000bb', 'a\u000cb', 'a\u001bb', 'a\u0085b'])('refuses %j', (v) => {
    expect(notes.safeParse(v).error?.issues[0]?.message).toMatch(CONTROL_MESSAGE);
  });
});

describe('text helpers', () => {
  it('finds the first problem or none', () => {
    expect(textProblem('plain text, ünïcödé, 🎥')).toBeNull();
    expect(textProblem('a\nb', { multiline: true })).toBeNull();
    expect(textProblem('a\nb')).toMatch(CONTROL_MESSAGE);
  });

  it('quotes text back without control characters or half characters', () => {
    expect(printable(`a${NUL}b\u0085`)).toBe('a\uFFFDb\uFFFD');
    expect(printable('🎥🎥🎥', 2)).toBe('🎥🎥');
  });
});

describe('every text input refuses NUL with a message', () => {
  it.each<[string, z.ZodType, Record<string, unknown>, string]>([
    ['stream name', createStreamSchema, { name: `live${NUL}` }, 'name'],
    ['stream tags', createStreamSchema, { name: 'ok', tags: [`a${NUL}b`] }, 'tags'],
    ['stream tags (replace)', setStreamTagsSchema, { streamId: UUID, tags: `x${NUL}` }, 'tags'],
    ['tag name', createTagSchema, { name: `news${NUL}` }, 'name'],
    ['tag rename', renameTagSchema, { tagId: UUID, name: `${NUL}news` }, 'name'],
    ['stream list tag', streamListQuerySchema, { tag: `a${NUL}` }, 'tag'],
    ['stream list cursor', streamListQuerySchema, { cursor: `abc${NUL}` }, 'cursor'],
    ['role name', roleInputSchema, { name: `Ops${NUL}` }, 'name'],
    ['role description', roleInputSchema, { name: 'Ops', description: `x${NUL}` }, 'description'],
    ['role rename', updateRoleSchema, { roleId: UUID, name: `Ops${NUL}` }, 'name'],
    [
      'organisation name',
      signUpSchema,
      { email: 'a@b.co', password: 'x'.repeat(12), organisationName: `Acme${NUL}` },
      'organisationName',
    ],
    [
      'new password',
      signUpSchema,
      { email: 'a@b.co', password: `${'x'.repeat(12)}${NUL}` },
      'password',
    ],
    ['sign-in email', signInSchema, { email: `a@b.co${NUL}`, password: 'x' }, 'email'],
    ['sign-in password', signInSchema, { email: 'a@b.co', password: `x${NUL}` }, 'password'],
    [
      'webhook URL',
      createWebhookSchema,
      { url: `https://hooks.example/${NUL}`, eventTypes: ['member.joined'] },
      'url',
    ],
    [
      'webhook URL (C1)',
      createWebhookSchema,
      { url: 'https://hooks.example/\u0085', eventTypes: ['member.joined'] },
      'url',
    ],
    [
      'webhook description',
      createWebhookSchema,
      { url: 'https://hooks.example/', description: `a${NUL}`, eventTypes: ['member.joined'] },
      'description',
    ],
    ['playback token tag', playbackTokenSchema, { tag: `news${NUL}` }, 'tag'],
    [
      'playback token to verify',
      verifyPlaybackSchema,
      { token: `${'x'.repeat(20)}${NUL}` },
      'token',
    ],
    [
      'token organisation',
      passwordTokenSchema,
      { email: 'a@b.co', password: 'x', organisation: `acme${NUL}` },
      'organisation',
    ],
    ['token password', passwordTokenSchema, { email: 'a@b.co', password: `x${NUL}` }, 'password'],
    ['invitation email', createInvitationSchema, { roleId: UUID, email: `a${NUL}@b.co` }, 'email'],
    [
      'bulk invite list',
      bulkInvitationSchema,
      { roleId: UUID, list: `a@b.co\nc${NUL}@d.co` },
      'list',
    ],
  ])('%s', (_, schema, input, field) => {
    expect(messageAt(schema, input, field)).toMatch(CONTROL_MESSAGE);
  });
});

describe('URL filters drop what a query must not see', () => {
  it('drops a user search with NUL, keeping the other filters', () => {
    const query = memberListQuerySchema.parse({ q: NUL, sort: 'email' });
    expect(query.q).toBeUndefined();
    expect(query.sort).toBe('email');
    expect(memberListQuerySchema.parse({ q: `ana${NUL}` }).q).toBeUndefined();
  });

  it.each(['actor', 'targetId', 'action', 'targetType'])('drops the audit filter %s', (key) => {
    const query = auditQuerySchema.parse({ [key]: `x${NUL}`, size: '20' });
    expect(query[key as keyof typeof query]).toBeUndefined();
    expect(query.size).toBe(20);
  });

  it('drops an audit time with a control character', () => {
    expect(auditQuerySchema.parse({ from: `2026-11-27${NUL}` }).from).toBeUndefined();
  });

  it('the API refuses a query parameter with a control character, naming it', () => {
    const result = queryParamsSchema.safeParse({ q: NUL, size: '25', actor: 'a\u001bb' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['q', expect.stringMatching(CONTROL_MESSAGE)],
      ['actor', expect.stringMatching(CONTROL_MESSAGE)],
    ]);
    expect(queryParamsSchema.parse({ q: 'ana', size: '25' })).toEqual({ q: 'ana', size: '25' });
  });

  it('a return path with a control character, or repeated, goes home', () => {
    expect(returnPathSchema.parse(`/organisation${NUL}`)).toBe('/organisation');
    expect(returnPathSchema.parse('/organisation/users\u0085')).toBe('/organisation');
    expect(returnPathSchema.parse(['/a', '/b'])).toBe('/organisation');
  });
});
