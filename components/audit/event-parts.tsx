import { Badge, badgeHtml } from '@/components/ui/badge';
import { html, type Html } from '@/lib/html';

const ACTOR_TYPES: Record<string, string> = {
  api_key: 'API key',
  system: 'System',
  anonymous: 'Not signed in',
};

/** Who acted: their label, and what kind of actor when it is not a signed-in member. */
export function AuditActor({ type, label }: { type: string; label: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span className="break-all">{label}</span>
      {ACTOR_TYPES[type] ? <Badge>{ACTOR_TYPES[type]}</Badge> : null}
    </span>
  );
}

/** The same, in a table row's markup (components/ui/markup-rows.tsx). */
export function auditActorHtml(type: string, label: string): Html {
  return html`<span class="inline-flex flex-wrap items-center gap-1.5"><span class="break-all">${label}</span>${ACTOR_TYPES[type] && badgeHtml('neutral', ACTOR_TYPES[type])}</span>`;
}

/** What was acted on, in a row's markup: the label it had at the time under its type. */
export function auditTargetHtml(type: string, label: string): Html {
  return html`<span class="flex flex-col"><span class="text-xs text-slate-500">${type}</span><span class="break-all">${label}</span></span>`;
}

/** The words the log shows for an event's target. */
export function targetText(event: { targetId: string | null; targetLabel: string | null }) {
  return event.targetLabel ?? event.targetId ?? '—';
}

/** A before or after value, pretty-printed; "nothing recorded" when there is none. */
export function AuditJson({ title, value }: { title: string; value: unknown }) {
  const id = `audit-${title.toLowerCase()}`;
  return (
    <section
      aria-labelledby={id}
      className="min-w-0 space-y-2 rounded-lg border border-slate-200 bg-surface p-4"
    >
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {value === null || value === undefined ? (
        <p className="text-sm text-slate-500">Nothing recorded.</p>
      ) : (
        <pre
          data-testid={id}
          className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs leading-relaxed"
        >
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </section>
  );
}
