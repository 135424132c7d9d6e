/** The outcome of a form, announced politely to screen readers. */
export function FormMessage({
  error,
  success,
}: {
  error?: string | null;
  success?: string | null;
}) {
  return (
    <div aria-live="polite" className="min-h-5 text-sm">
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : success ? (
        <p className="text-emerald-700">{success}</p>
      ) : null}
    </div>
  );
}
