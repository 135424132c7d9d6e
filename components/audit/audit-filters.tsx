'use client';

import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { UrlFilterForm } from '@/components/ui/url-filter-form';

export interface AuditFilterValues {
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

/** A date-only value as the datetime-local input shows it. */
function inputValue(value: string | undefined, endOfDay: boolean): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T${endOfDay ? '23:59' : '00:00'}`;
  return value.replace(' ', 'T').replace(/Z$/, '').slice(0, 16);
}

/**
 * The filters as a plain GET form: everything lands in the URL, so a view can be shared
 * and the back button works. With JavaScript, empty fields are left out of the URL and
 * the selects apply on change. Times are typed and read as UTC. A client component for
 * its size on the wire: the page sends the lists, not the form's elements
 * (docs/performance.md, "Pages").
 */
export function AuditFilters({
  actions,
  targetTypes,
  value,
}: {
  actions: string[];
  targetTypes: string[];
  value: AuditFilterValues;
}) {
  // Keep a value from the URL selectable even when it no longer occurs in the log.
  const withCurrent = (list: string[], current?: string) =>
    current && !list.includes(current) ? [current, ...list] : list;
  return (
    <UrlFilterForm path="/organisation/audit" label="Filter audit events">
      <label className="filter-field">
        Action
        <select name="action" defaultValue={value.action ?? ''} className="filter-control">
          <option value="">All actions</option>
          {withCurrent(actions, value.action).map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field min-w-44 flex-1">
        Actor
        <input
          type="search"
          name="actor"
          defaultValue={value.actor ?? ''}
          placeholder="email contains…"
          className="filter-control"
        />
      </label>
      <label className="filter-field">
        Target type
        <select name="targetType" defaultValue={value.targetType ?? ''} className="filter-control">
          <option value="">All targets</option>
          {withCurrent(targetTypes, value.targetType).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field min-w-44 flex-1">
        Target ID
        <input
          type="search"
          name="targetId"
          defaultValue={value.targetId ?? ''}
          className="filter-control"
        />
      </label>
      <label className="filter-field">
        From (UTC)
        <input
          type="datetime-local"
          name="from"
          defaultValue={inputValue(value.from, false)}
          className="filter-control"
        />
      </label>
      <label className="filter-field">
        To (UTC)
        <input
          type="datetime-local"
          name="to"
          defaultValue={inputValue(value.to, true)}
          className="filter-control"
        />
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        Apply filters
      </button>
      {Object.values(value).some(Boolean) ? (
        <Link href="/organisation/audit" className="py-2 text-sm text-brand-600 underline">
          Clear filters
        </Link>
      ) : null}
    </UrlFilterForm>
  );
}
