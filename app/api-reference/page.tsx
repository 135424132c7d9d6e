import type { Metadata } from 'next';
import Link from 'next/link';
import {
  SchemaView,
  TypeLabel,
  schemaAnchor,
  type Schema,
} from '@/components/api-reference/schema';
import { openApiDocument } from '@/lib/api/openapi';

// The REST API's reference, read from the same document as /api/v1/openapi.json (which
// the contract test holds the API to): open to anyone, like the document.

export const metadata: Metadata = { title: 'API reference' };
// Rendered per request like every page, so that it carries the request's CSP nonce.
export const dynamic = 'force-dynamic';

type Parameter = {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema: Schema;
};
type Response = {
  description: string;
  headers?: Record<string, unknown>;
  content?: { 'application/json': { schema: Schema } };
};
type Operation = {
  summary: string;
  description?: string;
  security?: unknown[];
  parameters: Parameter[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, Response | { $ref: string }>;
};

const doc = openApiDocument as unknown as {
  info: { title: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Response> };
};

/** Text with `code` spans. */
function Prose({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}</>;
}

const anchor = (method: string, path: string) =>
  `${method}${path}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');

function responseOf(r: Response | { $ref: string }): Response & { name?: string } {
  if ('$ref' in r) {
    const name = r.$ref.split('/').pop()!;
    return { ...doc.components.responses[name]!, name };
  }
  return r;
}

const METHOD_CLASS: Record<string, string> = {
  get: 'bg-brand-100 text-brand-700',
  post: 'bg-emerald-100 text-emerald-900',
  put: 'bg-amber-100 text-amber-900',
  patch: 'bg-amber-100 text-amber-900',
  delete: 'bg-red-100 text-red-900',
};

export default function ApiReferencePage() {
  const base = doc.servers[0]?.url ?? '';
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-10 [overflow-wrap:anywhere]">
      <header className="space-y-3">
        <p className="text-sm">
          <Link href="/organisation" className="text-brand-600 underline">
            ← Dashboard
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">API reference</h1>
        <p className="text-sm text-slate-700">
          <Prose text={doc.info.description} />
        </p>
        <p className="text-sm text-slate-700">
          Every path below is under <code>{base}</code>. The machine-readable document is{' '}
          <a href={`${base}/openapi.json`} className="text-brand-600 underline">
            {base}/openapi.json
          </a>{' '}
          (OpenAPI 3.1): generate a client from it.
        </p>
      </header>

      <nav aria-label="Operations" className="rounded-lg border border-slate-200 bg-surface p-5">
        <h2 className="mb-2 font-semibold">Operations</h2>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {operations.map(({ path, method, op }) => (
            <li key={`${method} ${path}`}>
              <a href={`#${anchor(method, path)}`} className="hover:underline">
                <code className="font-semibold">{method.toUpperCase()}</code> <code>{path}</code>{' '}
                <span className="text-slate-600">{op.summary.split('.')[0]}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {operations.map(({ path, method, op }) => (
        <section
          key={`${method} ${path}`}
          id={anchor(method, path)}
          aria-labelledby={`${anchor(method, path)}-heading`}
          className="space-y-4 rounded-lg border border-slate-200 bg-surface p-5"
        >
          <h2 id={`${anchor(method, path)}-heading`} className="flex flex-wrap items-center gap-2">
            <span
              className={`rounded px-2 py-0.5 text-xs font-bold uppercase ${METHOD_CLASS[method] ?? ''}`}
            >
              {method.toUpperCase()}
            </span>
            <code className="text-base font-semibold">{path}</code>
          </h2>
          <p className="text-sm text-slate-700">
            <Prose text={op.summary.endsWith('.') ? op.summary : `${op.summary}.`} />{' '}
            {op.description ? <Prose text={op.description} /> : null}
            {op.security?.length === 0 ? ' No authentication.' : null}
          </p>
          {op.parameters.length ? (
            <div className="space-y-1">
              <h3 className="text-sm font-semibold">Parameters</h3>
              <ul className="space-y-1 text-sm">
                {op.parameters.map((p) => (
                  <li key={`${p.in} ${p.name}`}>
                    <code>{p.name}</code> <span className="text-slate-500">({p.in})</span>:{' '}
                    <TypeLabel schema={p.schema} />
                    {p.description ? (
                      <span className="text-slate-600"> — {p.description}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {op.requestBody ? (
            <div className="space-y-1">
              <h3 className="text-sm font-semibold">Body (JSON)</h3>
              <SchemaView schema={op.requestBody.content['application/json'].schema} />
            </div>
          ) : null}
          <div className="space-y-2">
            <h3 className="text-sm font-semibold">Responses</h3>
            <dl className="space-y-2 text-sm">
              {Object.entries(op.responses).map(([status, raw]) => {
                const r = responseOf(raw);
                const schema = r.content?.['application/json'].schema;
                return (
                  <div key={status} className="grid gap-x-4 sm:grid-cols-[4rem_1fr]">
                    <dt className="font-mono font-semibold">{status}</dt>
                    <dd className="space-y-1">
                      {r.name ? (
                        <p className="text-slate-700">
                          <Prose text={r.description} /> Body:{' '}
                          {schema ? <TypeLabel schema={schema} /> : 'none'}.
                        </p>
                      ) : schema ? null : (
                        <p className="text-slate-700">{r.description}</p>
                      )}
                      {schema && !r.name ? <SchemaView schema={schema} /> : null}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </div>
        </section>
      ))}

      <section aria-labelledby="schemas-heading" className="space-y-4">
        <h2 id="schemas-heading" className="text-xl font-semibold">
          Schemas
        </h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <section
            key={name}
            id={schemaAnchor(name)}
            aria-label={name}
            className="space-y-2 rounded-lg border border-slate-200 bg-surface p-5"
          >
            <h3 className="font-semibold">
              <code>{name}</code>
            </h3>
            <SchemaView schema={schema} />
          </section>
        ))}
      </section>
    </main>
  );
}
