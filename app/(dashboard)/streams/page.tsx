import type { Metadata } from 'next';
import { UrlFilterForm } from '@/components/ui/url-filter-form';
import Link from 'next/link';
import { NoAccess } from '@/components/organisation/no-access';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { CreateStreamForm } from '@/components/streams/create-forms';
import { stateLabel } from '@/components/streams/state-badge';
import { StreamsTable } from '@/components/streams/streams-table';
import { TagsSection } from '@/components/streams/tags-section';
import { requireDashboardActor } from '@/lib/auth/actor';
import { can } from '@/lib/rbac';
import type { Actor } from '@/lib/services/actor';
import { ServiceError } from '@/lib/services/result';
import { listStreams, type StreamPage } from '@/lib/services/streams';
import { listTags } from '@/lib/services/tags';
import { LISTED_STREAM_STATES } from '@/lib/validation/streams';
import {
  createStreamAction,
  createTagAction,
  deleteStreamAction,
  deleteTagAction,
  lockStreamAction,
  renameTagAction,
  setStreamTagsAction,
  stopStreamAction,
  unlockStreamAction,
} from './actions';

export const metadata: Metadata = { title: 'Streams' };

type Search = Record<string, string | string[] | undefined>;

function hrefFor(params: { state?: string; tag?: string; cursor?: string | null }): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
  const s = qs.toString();
  return s ? `/streams?${s}` : '/streams';
}

/** A bad filter or a stale page link is said plainly on the page, not thrown. */
async function loadPage(
  actor: Actor,
  params: Record<string, string | undefined>,
): Promise<StreamPage | { error: string }> {
  try {
    return await listStreams(actor, params);
  } catch (err) {
    if (err instanceof ServiceError && err.code === 'invalid')
      return { error: Object.values(err.fieldErrors ?? {})[0] ?? err.message };
    throw err;
  }
}

export default async function StreamsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireDashboardActor('/streams');
  if (!can(actor, 'streams:read')) return <NoAccess what="streams" permission="streams:read" />;

  const params = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const [page, tags] = await Promise.all([
    loadPage(actor, params),
    can(actor, 'tags:read') ? listTags(actor) : Promise.resolve(null),
  ]);
  const tagNames = tags?.map((t) => t.name) ?? [];
  const canTag = can(actor, 'tags:write');
  const filter = { state: params.state || undefined, tag: params.tag || undefined };
  const stateFilter = LISTED_STREAM_STATES.find((s) => s === filter.state);
  // A tag named in the URL stays selectable even when it does not exist (any more).
  const tagSelected =
    tagNames.find((t) => t.toLowerCase() === filter.tag?.toLowerCase()) ?? filter.tag;
  const tagOptions =
    tagSelected && !tagNames.includes(tagSelected) ? [tagSelected, ...tagNames] : tagNames;
  const filtered = !!(filter.state || filter.tag);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">Streams</h1>
        <p className="text-sm text-slate-600">
          The streams of {actor.organisationName}, newest first.
        </p>
      </div>

      {can(actor, 'streams:create') ? (
        <CreateStreamForm action={createStreamAction} tags={canTag ? tagNames : null} />
      ) : null}

      <section aria-labelledby="streams-heading" className="space-y-3">
        <h2 id="streams-heading" className="sr-only">
          Stream list
        </h2>
        <UrlFilterForm path="/streams" label="Filter streams">
          <label className="filter-field">
            State
            <select name="state" defaultValue={filter.state ?? ''} className="filter-control">
              <option value="">Any state</option>
              {LISTED_STREAM_STATES.map((s) => (
                <option key={s} value={s}>
                  {stateLabel(s)}
                </option>
              ))}
            </select>
          </label>
          {tags ? (
            <label className="filter-field">
              Tag
              <select name="tag" defaultValue={tagSelected ?? ''} className="filter-control">
                <option value="">Any tag</option>
                {tagOptions.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="submit" className={buttonClass('secondary')}>
            Apply filter
          </button>
          {filtered ? (
            <Link href="/streams" className="py-2 text-sm text-brand-600 underline">
              Clear filters
            </Link>
          ) : null}
        </UrlFilterForm>

        {'error' in page ? (
          <EmptyState
            title="This filter or page link is not valid"
            link={{ href: '/streams', label: 'Show all streams' }}
          >
            {page.error}
          </EmptyState>
        ) : page.data.length === 0 ? (
          params.cursor ? (
            <EmptyState
              title="No more streams"
              link={{ href: hrefFor(filter), label: 'Go to the first page' }}
            />
          ) : filtered ? (
            <EmptyState
              title="No streams match this filter"
              link={{ href: '/streams', label: 'Clear filters' }}
            >
              No stream
              {stateFilter ? ` is ${stateLabel(stateFilter)}` : ''}
              {stateFilter && filter.tag ? ' and' : ''}
              {filter.tag ? ` carries the tag “${filter.tag}”` : ''}.
            </EmptyState>
          ) : (
            <EmptyState title="No streams yet">
              {can(actor, 'streams:create')
                ? 'Create the first one with the form above.'
                : 'Streams created by operators and admins will appear here.'}
            </EmptyState>
          )
        ) : (
          <>
            <StreamsTable
              caption={`Streams of ${actor.organisationName}`}
              streams={page.data}
              allTags={tagNames}
              actions={{
                stop: can(actor, 'streams:manage') ? stopStreamAction : undefined,
                lock: can(actor, 'streams:manage') ? lockStreamAction : undefined,
                unlock: can(actor, 'streams:manage') ? unlockStreamAction : undefined,
                delete: can(actor, 'streams:delete') ? deleteStreamAction : undefined,
                setTags: canTag && tags ? setStreamTagsAction : undefined,
              }}
            />
            <Pager
              links={[
                params.cursor ? { href: hrefFor(filter), label: 'First page' } : null,
                page.next
                  ? {
                      href: hrefFor({ ...filter, cursor: page.next }),
                      label: 'Older streams',
                      rel: 'next',
                    }
                  : null,
              ]}
            />
          </>
        )}
      </section>

      {tags ? (
        <TagsSection
          tags={tags}
          createAction={canTag ? createTagAction : undefined}
          renameAction={canTag ? renameTagAction : undefined}
          deleteAction={can(actor, 'tags:delete') ? deleteTagAction : undefined}
        />
      ) : null}
    </div>
  );
}
