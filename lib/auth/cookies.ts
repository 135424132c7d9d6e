/** Which of the account's organisations the dashboard acts in; verified on every read. */
export const ACTIVE_ORG_COOKIE = 'active_org';
