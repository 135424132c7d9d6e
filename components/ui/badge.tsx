import { html, type Html } from '@/lib/html';

export type BadgeTone = 'admin' | 'user' | 'readonly' | 'custom' | 'neutral';

// The badge classes are in app/globals.css.
export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: BadgeTone;
  children: React.ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A badge in a table row's markup (components/ui/markup-rows.tsx). */
export function badgeHtml(tone: BadgeTone, text: string): Html {
  return html`<span class="badge badge-${tone}">${text}</span>`;
}

/** The tone of a role's badge: default roles by their key, custom roles in one colour. */
export function roleTone(role: { key: string | null }): BadgeTone {
  return role.key === 'admin' || role.key === 'user' || role.key === 'readonly'
    ? role.key
    : 'custom';
}

export function RoleBadge({ role }: { role: { key: string | null; name: string } }) {
  return <Badge tone={roleTone(role)}>{role.name}</Badge>;
}
