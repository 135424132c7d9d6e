// JSON Schemas of the OpenAPI document as people read them: a type in a few words, and
// an object as a table of its fields. References link to the schema's own section.

export type Schema = Record<string, unknown>;

const LIMITS: [key: string, label: (n: string) => string][] = [
  ['minLength', (n) => `at least ${n} character${n === '1' ? '' : 's'}`],
  ['maxLength', (n) => `at most ${n} characters`],
  ['minimum', (n) => `≥ ${n}`],
  ['maximum', (n) => `≤ ${n}`],
  ['minItems', (n) => `at least ${n} item${n === '1' ? '' : 's'}`],
  ['maxItems', (n) => `at most ${n} items`],
  ['default', (n) => `default ${n}`],
];

export const schemaAnchor = (name: string) => `schema-${name}`;

/** A schema in a few words: `string (uuid)`, `array of Tag`, `one of: a, b`. */
export function TypeLabel({ schema }: { schema: Schema }) {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    return (
      <a href={`#${schemaAnchor(name)}`} className="text-brand-600 underline">
        {name}
      </a>
    );
  }
  if (Array.isArray(schema.enum))
    return (
      <span>
        one of{' '}
        {schema.enum.map((v, i) => (
          <span key={String(v)}>
            {i ? ', ' : ''}
            <code>{String(v)}</code>
          </span>
        ))}
      </span>
    );
  if ('const' in schema) return <code>{JSON.stringify(schema.const)}</code>;
  if (Array.isArray(schema.anyOf))
    return (
      <span>
        {(schema.anyOf as Schema[]).map((alternative, i) => (
          <span key={i}>
            {i ? ' or ' : ''}
            <TypeLabel schema={alternative} />
          </span>
        ))}
      </span>
    );
  if (schema.properties) return <code>{`{ ${Object.keys(schema.properties).join(', ')} }`}</code>;
  const types = ([] as unknown[]).concat(schema.type ?? 'any').map(String);
  const base = types.filter((t) => t !== 'null').join(' or ') || 'null';
  const format = typeof schema.format === 'string' ? ` (${schema.format})` : '';
  const limits = LIMITS.filter(([key]) => key in schema).map(([key, label]) =>
    label(JSON.stringify(schema[key])),
  );
  return (
    <span>
      {base === 'array' && schema.items ? (
        <>
          array of <TypeLabel schema={schema.items as Schema} />
        </>
      ) : (
        `${base}${format}`
      )}
      {types.includes('null') ? ' or null' : ''}
      {limits.length ? <span className="text-slate-500"> · {limits.join(', ')}</span> : null}
    </span>
  );
}

/** An object schema as a table of its fields (one per alternative); else as its type. */
export function SchemaView({ schema }: { schema: Schema }) {
  const properties = schema.properties as Record<string, Schema> | undefined;
  const alternatives = schema.anyOf as Schema[] | undefined;
  if (alternatives?.every((alternative) => alternative.properties))
    return (
      <div className="space-y-1">
        {typeof schema.description === 'string' ? (
          <p className="text-sm text-slate-600">{schema.description}</p>
        ) : null}
        {alternatives.map((alternative, i) => (
          <div key={i}>
            {i ? <p className="text-sm text-slate-500">or</p> : null}
            <SchemaView schema={alternative} />
          </div>
        ))}
      </div>
    );
  if (!properties || schema.$ref) return <TypeLabel schema={schema} />;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return (
    <div className="space-y-1">
      {typeof schema.description === 'string' ? (
        <p className="text-sm text-slate-600">{schema.description}</p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-semibold">
                Field
              </th>
              <th scope="col" className="py-1 pr-4 font-semibold">
                Type
              </th>
              <th scope="col" className="py-1 font-semibold">
                Notes
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {Object.entries(properties).map(([name, field]) => (
              <tr key={name}>
                <td className="py-1 pr-4">
                  <code>{name}</code>
                  {required.has(name) ? <span className="text-red-700"> *</span> : null}
                </td>
                <td className="py-1 pr-4">
                  {field.properties ? <SchemaView schema={field} /> : <TypeLabel schema={field} />}
                </td>
                <td className="py-1 text-slate-600">
                  {typeof field.description === 'string' ? field.description : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
