import {
  expect,
  type APIRequestContext,
  type Page,
  type PlaywrightWorkerArgs,
} from '@playwright/test';
import { SIGNED_OUT } from './sessions';
import { API_KEY_PATTERN } from '../../../lib/credentials';

/** The organisation's API key, as its Overview tab shows it to an admin. */
export async function readApiKey(page: Page): Promise<string> {
  await page.goto('/organisation');
  await page.getByText('Show API key').click();
  const key = await page.getByRole('textbox', { name: 'API key' }).inputValue();
  expect(key).toMatch(API_KEY_PATTERN);
  return key;
}

/** A plain HTTP client that authenticates with the API key only (no cookies). */
export function apiKeyClient(
  playwright: PlaywrightWorkerArgs['playwright'],
  apiKey: string,
): Promise<APIRequestContext> {
  return playwright.request.newContext({
    storageState: SIGNED_OUT,
    extraHTTPHeaders: { 'X-API-Key': apiKey },
  });
}

export interface ApiMember {
  id: string;
  email: string;
  tokenKey: string;
  role: { id: string; name: string };
}

/** The one member with this exact email, as GET /api/v1/users shows them. */
export async function memberByEmail(api: APIRequestContext, email: string): Promise<ApiMember> {
  const res = await api.get(`/api/v1/users?q=${encodeURIComponent(email)}`);
  expect(res.status()).toBe(200);
  const found = ((await res.json()).data as ApiMember[]).filter((m) => m.email === email);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The ids of the audit events matching `filters`, as GET /api/v1/audit lists them. */
export async function auditEventIds(
  api: APIRequestContext,
  filters: Record<string, string>,
): Promise<number[]> {
  const res = await api.get(`/api/v1/audit?${new URLSearchParams({ ...filters, size: '200' })}`);
  expect(res.status()).toBe(200);
  return ((await res.json()).data as { id: number }[]).map((e) => e.id);
}
