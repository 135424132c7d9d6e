import { z } from 'zod';

export const emailField = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }));

export const newPasswordField = z
  .string({ error: 'Choose a password.' })
  .min(12, 'Use at least 12 characters.')
  .max(200, 'Use at most 200 characters.');

export const signUpSchema = z.object({
  email: emailField,
  password: newPasswordField,
  organisationName: z
    .string()
    .trim()
    .max(80, 'Use at most 80 characters.')
    .optional()
    .transform((v) => v || undefined),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password.').max(200),
});

/** Only same-site paths are followed after sign-in; anything else goes home. */
export const returnPathSchema = z
  .string()
  .optional()
  // A path on this site only: no scheme, no `//host`, no backslash, space or control.
  .transform((v) =>
    v && /^\/(?!\/)[^\\\s\u0000-\u001f\u007f-\u009f]*$/.test(v) ? v : '/organisation',
  )
  .catch('/organisation');
