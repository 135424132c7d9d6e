import { describe, expect, it } from 'vitest';
import { bulkInvitationSchema, parseInviteList } from '@/lib/validation/invitations';

// How a pasted list or a CSV file's text becomes rows (docs/product.md, "Bulk invite").

const UUID = '0b6f4e1a-8f6d-4a59-9a53-3f1f6a0b1c2d';

describe('a bulk invite list', () => {
  it('takes one address per line, or several separated by commas or semicolons', () => {
    expect(parseInviteList('a@x.test\n\n b@x.test ;c@x.test, d@x.test\r\ne@x.test,')).toEqual([
      { line: 1, email: 'a@x.test', role: null },
      { line: 3, email: 'b@x.test', role: null },
      { line: 3, email: 'c@x.test', role: null },
      { line: 3, email: 'd@x.test', role: null },
      { line: 4, email: 'e@x.test', role: null },
    ]);
  });

  it('takes cells pasted from a spreadsheet, separated by tabs; no cell keeps a tab', () => {
    expect(parseInviteList('a@x.test\tReadOnly\nb@x.test\tc@x.test\n"d\t@x.test"')).toEqual([
      { line: 1, email: 'a@x.test', role: 'ReadOnly' },
      { line: 2, email: 'b@x.test', role: null },
      { line: 2, email: 'c@x.test', role: null },
      { line: 3, email: 'd @x.test', role: null },
    ]);
  });

  it('reads CSV rows email,role: a header skipped, quoted cells, any separator', () => {
    expect(
      parseInviteList('Email,Role\r\na@x.test,ReadOnly\r\n"b@x.test";"Ops, ""EU"""\r\nc@x.test,'),
    ).toEqual([
      { line: 2, email: 'a@x.test', role: 'ReadOnly' },
      { line: 3, email: 'b@x.test', role: 'Ops, "EU"' },
      { line: 4, email: 'c@x.test', role: null },
    ]);
    expect(parseInviteList('email\na@x.test')).toEqual([
      { line: 2, email: 'a@x.test', role: null },
    ]);
    // A header only counts on the first line.
    expect(parseInviteList('a@x.test\nemail,role')).toHaveLength(2);
  });

  it('refuses more than 1,000 rows, none, and control characters, with a message at the list', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `u${i}@x.test`).join('\n');
    expect(bulkInvitationSchema.safeParse({ roleId: UUID, list: rows(1000) }).success).toBe(true);
    for (const list of [rows(1001), '', 'email,role', 'a@x.test\u0000']) {
      const result = bulkInvitationSchema.safeParse({ roleId: UUID, list });
      expect(result.success, JSON.stringify(list.slice(0, 20))).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['list']);
    }
    expect(
      bulkInvitationSchema.safeParse({ roleId: UUID, list: rows(1001) }).error?.issues[0]?.message,
    ).toMatch(/^At most 1,000 addresses at once: this list has 1,001\./);
  });
});
