'use client';

import { useId } from 'react';
import type { RoleChoice } from '@/lib/roles-view';

/** The labelled role picker of Invite New User and Update Permission. */
export function RoleSelect({
  roles,
  value,
  onChange,
  currentId,
  error,
}: {
  roles: RoleChoice[];
  value: string;
  onChange: (roleId: string) => void;
  /** Marked "(current)" in the list. */
  currentId?: string;
  error?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        Role
      </label>
      <select
        id={id}
        name="roleId"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        aria-invalid={error ? true : undefined}
      >
        {roles.map((r) => (
          <option key={r.id} value={r.id} disabled={!r.assignable}>
            {r.name}
            {r.id === currentId ? ' (current)' : ''}
            {!r.assignable ? ' (holds more than your role)' : ''}
          </option>
        ))}
      </select>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
    </div>
  );
}
