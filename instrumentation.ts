export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { bootstrap } = await import('./lib/setup/bootstrap');
  try {
    await bootstrap();
  } catch (err) {
    // Without a migrated database every request would fail: stop loudly instead.
    console.error('[db] start-up failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
