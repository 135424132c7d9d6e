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
  // Sends the webhooks (docs/webhooks.md) and the mail (docs/email.md) the outboxes hold,
  // in this process as in every other one on the same database.
  const [{ startWebhookWorker }, { startMailWorker }] = await Promise.all([
    import('./lib/webhooks/worker'),
    import('./lib/mail/worker'),
  ]);
  startWebhookWorker();
  startMailWorker();
}
