export function NoAccess({ what, permission }: { what: string; permission: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-surface p-8 text-center">
      <h2 className="text-lg font-semibold">No access</h2>
      <p className="mt-2 text-sm text-slate-600">
        Your role does not include <code>{permission}</code>, so you cannot see {what}. Ask an admin
        of your organisation if you need it.
      </p>
    </section>
  );
}
