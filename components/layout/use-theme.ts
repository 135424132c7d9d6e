'use client';

import { useState } from 'react';
import { themeCookie, themeOf, type Theme } from '@/lib/theme';

export const THEME_LABELS: Record<Theme, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
};

/**
 * The page's theme and a way to choose another: shown at once, and stored in a cookie
 * for the pages the server renders next (lib/theme.ts). Browser only (the menus are).
 */
export function useTheme(): [Theme, (value: string) => void] {
  const [theme, setTheme] = useState(() => themeOf(document.documentElement.dataset.theme));
  function choose(value: string) {
    const next = themeOf(value);
    setTheme(next);
    document.documentElement.dataset.theme = next;
    document.cookie = themeCookie(next, window.location.protocol === 'https:');
  }
  return [theme, choose];
}
