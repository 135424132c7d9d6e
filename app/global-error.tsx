'use client';

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui', padding: '6rem 1.5rem', textAlign: 'center' }}>
        <h1>Something went wrong</h1>
        <p>The request could not be completed.</p>
        {error.digest ? <p style={{ fontSize: 12 }}>Reference: {error.digest}</p> : null}
      </body>
    </html>
  );
}
