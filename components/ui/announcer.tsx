'use client';

// One polite live region per page. Results of actions are announced here, so the
// announcement survives the dialog or row that triggered it.
export function Announcer() {
  return <div id="announcer" aria-live="polite" role="status" className="sr-only" />;
}

export function announce(message: string) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick so that repeating the same message is read again.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}
