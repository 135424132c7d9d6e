'use client';

// One polite live region for the whole dashboard (app/(dashboard)/layout.tsx), shown as a
// toast: the result of a change is read out and seen, and outlives the dialog or row that
// made it. It stays in the page while empty, so screen readers already watch it.

const SHOWN_MS = 8000;
let hideTimer: ReturnType<typeof setTimeout> | undefined;

export function Announcer() {
  return (
    <div
      id="announcer"
      role="status"
      aria-live="polite"
      className="fixed bottom-4 left-1/2 z-50 max-w-[calc(100vw-2rem)] -translate-x-1/2 rounded-md bg-slate-900 px-4 py-2 text-sm text-slate-50 shadow-lg empty:pointer-events-none empty:opacity-0"
    />
  );
}

export function announce(message: string) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  clearTimeout(hideTimer);
  // A fresh text node after a tick so that repeating the same message is read again.
  setTimeout(() => {
    region.textContent = message;
    hideTimer = setTimeout(() => {
      region.textContent = '';
    }, SHOWN_MS);
  }, 50);
}
