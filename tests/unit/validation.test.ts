import { describe, expect, it } from 'vitest';
import { returnPathSchema, signUpSchema } from '@/lib/validation/auth';

describe('sign-up input', () => {
  it('trims and lower-cases the email', () => {
    expect(
      signUpSchema.parse({ email: '  Ana@Example.COM ', password: 'x'.repeat(12) }).email,
    ).toBe('ana@example.com');
  });

  it.each([
    [{ email: 'nope', password: 'x'.repeat(12) }, 'email'],
    [{ email: 'a@b.co', password: 'x'.repeat(11) }, 'password'],
    [{ email: 'a@b.co', password: 'x'.repeat(201) }, 'password'],
  ])('refuses %j at %s', (input, field) => {
    const result = signUpSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});

describe('return paths', () => {
  it.each([
    ['/organisation/users?role=x', '/organisation/users?role=x'],
    ['/invite/abc', '/invite/abc'],
    ['//evil.example/x', '/organisation'],
    ['https://evil.example', '/organisation'],
    ['/\\evil.example', '/organisation'],
    [undefined, '/organisation'],
  ])('%s goes to %s', (input, expected) => {
    expect(returnPathSchema.parse(input)).toBe(expected);
  });
});
