// Limits shared by the zod schemas and the forms' input attributes, kept apart from zod
// so that client components can import them without the schemas.
export const STREAM_NAME_MAX = 100;
export const TAG_NAME_MAX = 40;
export const TAGS_PER_STREAM_MAX = 20;
export const STREAM_PAGE_SIZE = { default: 25, max: 100 } as const;
