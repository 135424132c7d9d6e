// Table rows built as markup (lib/html.ts, components/ui/markup-rows.tsx): whatever a
// value holds, an HTML parser reads it back as the same text, never as markup.
import fc from 'fast-check';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditRows } from '@/components/audit/audit-rows';
import { InvitationRows } from '@/components/invitations/invitation-rows';
import { MemberRows } from '@/components/members/member-rows';
import { escapeHtml, html } from '@/lib/html';

type Node = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

const isElement = (n: Node): n is Element => 'tagName' in n;
const elements = (n: Node | DefaultTreeAdapterMap['documentFragment']): Element[] =>
  'childNodes' in n
    ? n.childNodes.flatMap((c) => (isElement(c) ? [c, ...elements(c)] : elements(c)))
    : [];
const text = (n: Node): string =>
  'value' in n ? n.value : 'childNodes' in n ? n.childNodes.map(text).join('') : '';
const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;

/** The table a page renders, parsed as a browser would. */
function table(rows: React.ReactElement) {
  return parseFragment(
    renderToString(createElement('table', null, createElement('tbody', null, rows))),
  );
}

// HTML's parser turns CR into LF and drops or replaces NUL: values that no validated input
// holds (lib/validation/text.ts refuses control characters), so they are left out here.
const value = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !/[\0\r]/.test(s));
const hostile = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '&amp; &lt; &#39; &',
  '</td></tr><tr><td>',
  '<!-- x',
  '${x}',
];

describe('html', () => {
  it('escapes the five characters that mean something in HTML', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });

  it('puts nested markup in as it is, and leaves nothing for null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(
      html`<p>${inner}${null}${undefined}${false}${0}${['a', html`<em>b</em>`]}</p>`.markup,
    ).toBe('<p><b>&lt;i&gt;</b>0a<em>b</em></p>');
  });

  it('reads back any value as the same text and attribute, with no element of its own', () => {
    fc.assert(
      fc.property(fc.oneof(value, fc.constantFrom(...hostile)), (s) => {
        const fragment = parseFragment(html`<span title="${s}" data-x="${s}">${s}</span>`.markup);
        const found = elements(fragment);
        expect(found.map((e) => e.tagName)).toEqual(['span']);
        expect(attr(found[0]!, 'title')).toBe(s);
        expect(attr(found[0]!, 'data-x')).toBe(s);
        expect(text(found[0]!)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rows as markup', () => {
  it('the user list: each value lands in its cell and its attributes, as text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...hostile), value, (email, roleName) => {
        const fragment = table(
          createElement(MemberRows, {
            rows: [['id-1', email, 'tk_1', '2026-12-06T09:00:00.000Z', 0, 1, 0]],
            roles: [{ key: null, name: roleName }],
            canReset: true,
            canDelete: true,
            selectable: true,
          }),
        );
        const found = elements(fragment);
        expect(found.filter((e) => e.tagName === 'tr')).toHaveLength(1);
        expect(found.map((e) => e.tagName).sort()).toEqual(
          ['table', 'tbody', 'tr', 'td', 'td', 'td', 'td', 'td', 'td', 'td']
            .concat(['input', 'span', 'a', 'code', 'time', 'span', 'button', 'button'])
            .sort(),
        );
        // The row names its member once, for its checkbox and its buttons' dialogs.
        const row = found.find((e) => e.tagName === 'tr')!;
        expect(attr(row, 'data-row-id')).toBe('id-1');
        expect(attr(row, 'data-row-label')).toBe(email);
        const checkbox = found.find((e) => e.tagName === 'input')!;
        expect(attr(checkbox, 'aria-label')).toBe(`Select ${email}`);
        // Its member is its row's: no copy of the id of its own.
        expect(attr(checkbox, 'value')).toBeUndefined();
        const link = found.find((e) => e.tagName === 'a')!;
        expect(attr(link, 'href')).toBe('/organisation/users/id-1');
        expect(text(link)).toBe(email);
        expect(text(found.find((e) => e.tagName === 'span')!)).toBe(roleName);
        expect(
          found
            .filter((e) => e.tagName === 'button')
            .map((b) => [attr(b, 'data-row-action'), text(b)]),
        ).toEqual([
          ['reset', 'Reset User Token'],
          ['delete', 'Delete User'],
        ]);
      }),
      { numRuns: 100 },
    );
  });

  it('the user list leaves out what the viewer may not use', () => {
    const found = elements(
      table(
        createElement(MemberRows, {
          rows: [['id-1', 'a@example.com', 'tk_1', '2026-12-06T09:00:00.000Z', 0, 0, 1]],
          roles: [{ key: 'admin', name: 'Admin' }],
          canReset: false,
          canDelete: false,
          selectable: false,
        }),
      ),
    );
    expect(found.filter((e) => e.tagName === 'td')).toHaveLength(5);
    expect(found.some((e) => e.tagName === 'input' || e.tagName === 'button')).toBe(false);
  });

  it('invitations and the audit log: hostile values stay text', () => {
    for (const s of hostile) {
      const invitations = elements(
        table(
          createElement(InvitationRows, {
            rows: [
              ['inv-1', s, s, s, '2026-12-06T09:00:00.000Z', '2026-12-13T09:00:00.000Z', 'pending'],
            ],
          }),
        ),
      );
      expect(invitations.filter((e) => e.tagName === 'button').map((b) => text(b))).toEqual([
        'Revoke',
        'Resend',
        'Regenerate',
      ]);
      expect(
        attr(
          invitations.find((e) => e.tagName === 'tr')!,
          'data-row-label',
        ),
      ).toBe(`${s} (${s})`);
      // Resend names the address alone.
      expect(
        invitations.filter((e) => e.tagName === 'button').map((b) => attr(b, 'data-row-label')),
      ).toEqual([undefined, s, undefined]);
      const audit = elements(
        table(
          createElement(AuditRows, {
            rows: [
              ['ev-1', '2026-12-06T09:00:00.000Z', '2026-12-06 09:00 UTC', 'user', s, s, s, s, s],
            ],
          }),
        ),
      );
      expect(audit.filter((e) => e.tagName === 'td').map((td) => text(td).trim())).toEqual([
        '2026-12-06 09:00 UTC',
        s,
        s,
        `${s}${s}`,
        s,
      ]);
      expect(
        attr(
          audit.find((e) => e.tagName === 'a')!,
          'aria-label',
        ),
      ).toBe(`Event ev-1, ${s}, 2026-12-06 09:00 UTC`);
    }
  });
});
