// The colour theme (docs/product.md, "Themes"): the system's unless the person chose one
// in the profile menu. The choice is a cookie, so the server renders the page in it and
// nothing flashes; it is a preference only and nothing else reads it.

export const THEME_COOKIE = 'theme';
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export function themeOf(value: string | undefined): Theme {
  return THEMES.find((t) => t === value) ?? 'system';
}

/** The cookie the browser stores for a choice: a year, or gone for the system's. */
export function themeCookie(theme: Theme, secure: boolean): string {
  const age = theme === 'system' ? 0 : 365 * 24 * 3600;
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${age}; SameSite=Lax${secure ? '; Secure' : ''}`;
}
