/** The organisation's tags as labelled checkboxes named `tags`, inside a fieldset. */
export function TagCheckboxes({
  tags,
  checked = [],
  error,
  legend = 'Tags',
}: {
  tags: string[];
  checked?: string[];
  error?: string;
  legend?: string;
}) {
  const chosen = new Set(checked.map((t) => t.toLowerCase()));
  return (
    <fieldset className="space-y-1" aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {tags.length === 0 ? (
        <p className="text-sm text-slate-600">
          No tags exist yet. Create them in the Tags section first.
        </p>
      ) : (
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {tags.map((tag) => (
            <label key={tag} className="inline-flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                name="tags"
                value={tag}
                defaultChecked={chosen.has(tag.toLowerCase())}
                className="size-4 rounded border-slate-300"
              />
              {tag}
            </label>
          ))}
        </div>
      )}
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
    </fieldset>
  );
}
