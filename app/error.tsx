'use client';

// Shown for unexpected errors. The digest lets an operator find the server log line;
// no message or stack from the server reaches the browser.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-slate-600">
        The request could not be completed. Nothing was changed unless you were told so.
      </p>
      {error.digest ? (
        <p className="mt-2 text-xs text-slate-500">Reference: {error.digest}</p>
      ) : null}
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-accent px-4 py-2 text-white"
      >
        Try again
      </button>
    </main>
  );
}
