'use client';

import { buttonClass } from '@/components/ui/button';
import { UrlFilterForm } from '@/components/ui/url-filter-form';

interface RoleOption {
  id: string;
  name: string;
  memberCount: number;
}

/**
 * Filter, search, sort and page size as a plain GET form: everything lands in the URL,
 * so a view can be shared and the back button works. Selects apply on change. A client
 * component for its size on the wire: the page sends the roles and counts, not the
 * form's elements (docs/performance.md, "Pages").
 */
export function MemberFilters({
  roles,
  total,
  suspended,
  value,
}: {
  roles: RoleOption[];
  total: number;
  /** Suspended members of the organisation, from the counts kept on the roles. */
  suspended: number;
  value: { q?: string; role?: string; status?: string; sort: string; size: number };
}) {
  return (
    <UrlFilterForm path="/organisation/users" label="Filter users">
      <label className="filter-field">
        Role
        <select name="role" defaultValue={value.role ?? ''} className="filter-control">
          <option value="">All roles ({total.toLocaleString('en')})</option>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.memberCount.toLocaleString('en')})
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field">
        Status
        <select name="status" defaultValue={value.status ?? ''} className="filter-control">
          <option value="">All statuses ({total.toLocaleString('en')})</option>
          <option value="active">Active ({(total - suspended).toLocaleString('en')})</option>
          <option value="suspended">Suspended ({suspended.toLocaleString('en')})</option>
        </select>
      </label>
      <label className="filter-field min-w-48 flex-1">
        Search by email
        <input
          type="search"
          name="q"
          defaultValue={value.q ?? ''}
          placeholder="name@example.com"
          className="filter-control"
        />
      </label>
      <label className="filter-field">
        Sort by
        <select name="sort" defaultValue={value.sort} className="filter-control">
          <option value="created">Created At (newest first)</option>
          <option value="email">Email (A–Z)</option>
          <option value="role">Permission Level</option>
        </select>
      </label>
      <label className="filter-field">
        Per page
        <select name="size" defaultValue={String(value.size)} className="filter-control">
          <option value="25">25</option>
          <option value="50">50</option>
          <option value="100">100</option>
        </select>
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        Search
      </button>
    </UrlFilterForm>
  );
}
