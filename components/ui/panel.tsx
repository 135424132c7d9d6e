/** A titled card of a page: a region named by its heading. */
export function Panel({
  id,
  title,
  level = 2,
  hideTitle = false,
  children,
}: {
  /** Names the heading's id, `${id}-heading`: unique on the page. */
  id: string;
  title: React.ReactNode;
  level?: 2 | 3;
  /** The heading is read by screen readers only (the page's own heading says it). */
  hideTitle?: boolean;
  children: React.ReactNode;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  const headingClass = hideTitle
    ? 'sr-only'
    : level === 2
      ? 'text-lg font-semibold'
      : 'font-semibold';
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-lg border border-slate-200 bg-surface p-5"
    >
      <Heading id={`${id}-heading`} className={headingClass}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** Label and value pairs (a `<dl>`): side by side, stacked on narrow screens. */
export function Details({ items }: { items: [label: string, value: React.ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
