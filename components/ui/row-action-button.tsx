import { buttonClass } from './button';

/**
 * A row's button that opens its table's dialog for this row (row-actions.tsx). Plain
 * markup, no script of its own: a table of 100 rows stays cheap.
 */
export function RowActionButton({
  action,
  id,
  label,
  destructive = false,
  children,
}: {
  action: string;
  id: string;
  /** What the dialog calls the row, e.g. the member's email. */
  label: string;
  destructive?: boolean;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-haspopup="dialog"
      data-row-action={action}
      data-row-id={id}
      data-row-label={label}
      className={buttonClass(destructive ? 'danger-outline' : 'secondary', 'sm')}
    >
      {children}
    </button>
  );
}
