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
  label = 'Role',
  hint,
}: {
  roles: RoleChoice[];
  value: string;
  onChange: (roleId: string) => void;
  /** Marked "(current)" in the list. */
  currentId?: string;
  error?: string;
  label?: string;
  hint?: string;
}) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name="roleId"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {roles.map((r) => (
          <option key={r.id} value={r.id} disabled={!r.assignable}>
            {r.name}
            {r.id === currentId ? ' (current)' : ''}
            {!r.assignable ? ' (holds more than your role)' : ''}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
