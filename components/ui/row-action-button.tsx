import { html, type Html } from '@/lib/html';
import { buttonClass } from './button';

/**
 * A row's button, in the row's markup (markup-rows.tsx), that opens its table's dialog
 * for this row (row-actions.tsx): the row's id and label come from its `<tr>`, unless the
 * button names another `label` for its dialog. No script of its own.
 */
export function rowActionButtonHtml(
  action: string,
  text: string,
  { destructive = false, label }: { destructive?: boolean; label?: string } = {},
): Html {
  return html`<button type="button" aria-haspopup="dialog" data-row-action="${action}"${label === undefined ? null : html` data-row-label="${label}"`} class="${buttonClass(destructive ? 'danger-outline' : 'secondary', 'sm')}">${text}</button>`;
}
