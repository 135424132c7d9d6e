const TONES = {
  admin: 'bg-brand-100 text-brand-700 ring-brand-500/30',
  user: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30',
  readonly: 'bg-slate-100 text-slate-700 ring-slate-500/30',
  custom: 'bg-amber-50 text-amber-800 ring-amber-600/30',
  neutral: 'bg-white text-slate-700 ring-slate-300',
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: BadgeTone;
  children: React.ReactNode;
}) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}

/** The badge of a role: default roles by their key, custom roles in one colour. */
export function RoleBadge({ role }: { role: { key: string | null; name: string } }) {
  const tone: BadgeTone =
    role.key === 'admin' || role.key === 'user' || role.key === 'readonly' ? role.key : 'custom';
  return <Badge tone={tone}>{role.name}</Badge>;
}
