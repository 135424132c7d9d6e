export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ bootstrap }, { describeError, log }] = await Promise.all([
    import('./lib/setup/bootstrap'),
    import('./lib/log'),
  ]);
  try {
    await bootstrap();
  } catch (err) {
    // Without a migrated database every request would fail: stop loudly instead.
    log.error('start-up failed', { error: describeError(err) });
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
