/**
 * Markup built as a string, for the one place the product renders without React
 * elements: the rows of its tables (components/ui/markup-rows.tsx, docs/performance.md,
 * "Pages"). Every value put into an `html` template is escaped, so a value can only ever
 * be text: an email of `"><script>` stays those characters on screen.
 *
 * The rules of the templates, which escaping alone does not cover:
 * - values go into element text or into a double-quoted attribute, never into an
 *   unquoted attribute, a tag or attribute name, an event handler, a style or a script;
 * - a URL attribute starts with a fixed path of ours (`href="/organisation/users/${id}"`),
 *   never with a value, so no value can choose a `javascript:` URL.
 */

/** Markup that is safe as it is: made only by `html`. */
export class Html {
  /** Use `html`, not this constructor. */
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Text as markup: the five characters that mean something in HTML, escaped. */
export function escapeHtml(text: string): string {
  // Most values hold none of them: testing first skips building a copy.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]!) : text;
}

/** What a template takes: text and numbers (escaped), markup, or nothing. */
export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

function markupOf(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(markupOf).join('');
  return escapeHtml(String(value));
}

/**
 * A template of markup: `html\`<td>${email}</td>\``. Strings and numbers are escaped;
 * `Html` from another template goes in as it is; `null`, `undefined` and `false` leave
 * nothing, so `${cond && html\`…\`}` works; arrays are joined.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let markup = strings[0]!;
  for (let i = 0; i < values.length; i++) markup += markupOf(values[i]) + strings[i + 1]!;
  return new Html(markup);
}
