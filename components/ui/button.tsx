import { forwardRef, type ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger' | 'danger-outline' | 'ghost';

/** The button classes (app/globals.css): short, since tables repeat them on every row. */
export function buttonClass(variant: Variant = 'primary', size: 'sm' | 'md' = 'md'): string {
  return size === 'sm' ? `btn btn-sm btn-${variant}` : `btn btn-${variant}`;
}

export const Button = forwardRef<
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: 'sm' | 'md' }
>(function Button({ variant, size, className = '', type = 'button', ...props }, ref) {
  return (
    <button
      ref={ref}
      type={type}
      className={`${buttonClass(variant, size)} ${className}`}
      {...props}
    />
  );
});
