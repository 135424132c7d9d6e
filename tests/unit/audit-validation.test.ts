import { describe, expect, it } from 'vitest';
import { auditQuerySchema, auditSearchParams, parseUtcInstant } from '@/lib/validation/audit';

describe('UTC instants in audit filters', () => {
  it.each([
    ['2026-11-27', '2026-11-27T00:00:00.000Z', '2026-11-28T00:00:00.000Z'],
    ['2026-11-27T13:19', '2026-11-27T13:19:00.000Z', '2026-11-27T13:20:00.000Z'],
    ['2026-11-27 13:19:05Z', '2026-11-27T13:19:05.000Z', '2026-11-27T13:19:06.000Z'],
    ['2026-11-27T13:19:05.120Z', '2026-11-27T13:19:05.120Z', '2026-11-27T13:19:05.121Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
  ])('%s spans %s to %s', (value, start, end) => {
    const span = parseUtcInstant(value);
    expect(span?.start.toISOString()).toBe(start);
    expect(span?.end.toISOString()).toBe(end);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-11-27T24:00', '2026-11-27T13:19+02:00', 'today', ''])(
    'refuses %j',
    (value) => expect(parseUtcInstant(value)).toBeNull(),
  );
});

describe('the audit query', () => {
  it('keeps what it can read and defaults the rest', () => {
    expect(
      auditQuerySchema.parse({
        action: ' member.role_changed ',
        actor: '',
        from: '2026-11-27',
        to: 'soon',
        before: '42',
        size: '20',
      }),
    ).toEqual({
      action: 'member.role_changed',
      actor: undefined,
      targetType: undefined,
      targetId: undefined,
      from: '2026-11-27',
      to: undefined,
      before: 42,
      size: 20,
    });
    expect(auditQuerySchema.parse({ before: '-1', size: '0' })).toMatchObject({
      before: undefined,
      size: 50,
    });
    expect(auditQuerySchema.parse({ size: '1000' }).size).toBe(200);
  });

  it('writes only the set values into a URL', () => {
    expect(
      auditSearchParams({ action: 'a.b', actor: undefined, before: 7, to: '' }).toString(),
    ).toBe('action=a.b&before=7');
  });
});
