import Link from 'next/link';

/**
 * What a list shows when it has nothing to show: why, and where to go from here. Without
 * a title, one line under a section's own heading.
 */
export function EmptyState({
  title,
  children,
  link,
}: {
  title?: string;
  children?: React.ReactNode;
  link?: { href: string; label: string };
}) {
  if (!title)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-surface p-6 text-center text-sm text-slate-600">
        {children}
      </p>
    );
  return (
    <section className="rounded-lg border border-dashed border-slate-300 bg-surface p-10 text-center">
      <h3 className="font-semibold">{title}</h3>
      {children ? <p className="mt-1 text-sm text-slate-600">{children}</p> : null}
      {link ? (
        <Link href={link.href} className="mt-3 inline-block text-sm text-brand-600 underline">
          {link.label}
        </Link>
      ) : null}
    </section>
  );
}
