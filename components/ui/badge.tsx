export type BadgeTone = 'admin' | 'user' | 'readonly' | 'custom' | 'neutral';

export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: BadgeTone;
  children: React.ReactNode;
}) {
  // The badge classes are in app/globals.css.
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** The badge of a role: default roles by their key, custom roles in one colour. */
export function RoleBadge({ role }: { role: { key: string | null; name: string } }) {
  const tone: BadgeTone =
    role.key === 'admin' || role.key === 'user' || role.key === 'readonly' ? role.key : 'custom';
  return <Badge tone={tone}>{role.name}</Badge>;
}
