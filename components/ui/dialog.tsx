'use client';

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import * as Dialog from '@radix-ui/react-dialog';
import { createContext, useContext, type ButtonHTMLAttributes, type ReactElement } from 'react';

// The one dialog of the dashboard: Radix's portal, overlay and content with the product's
// look. `alert` dialogs (role "alertdialog") ask to confirm something and do not close on
// an outside click; the others are plain dialogs; `sheet` slides in from the right (the
// menu of small screens). Forms inside dialogs use FormDialog (form-dialog.tsx).

const PLAIN = {
  Root: Dialog.Root,
  Trigger: Dialog.Trigger,
  Portal: Dialog.Portal,
  Overlay: Dialog.Overlay,
  Content: Dialog.Content,
  Title: Dialog.Title,
  Description: Dialog.Description,
  Close: Dialog.Close,
};
// The same parts, under the alert dialog's own context (its Cancel is its Close).
const ALERT = {
  ...PLAIN,
  Root: AlertDialog.Root,
  Trigger: AlertDialog.Trigger,
  Portal: AlertDialog.Portal,
  Overlay: AlertDialog.Overlay,
  Content: AlertDialog.Content,
  Title: AlertDialog.Title,
  Description: AlertDialog.Description,
  Close: AlertDialog.Cancel,
} as unknown as typeof PLAIN;

const CONTENT = {
  sm: 'w-[min(32rem,calc(100vw-2rem))]',
  md: 'w-[min(40rem,calc(100vw-2rem))]',
  lg: 'w-[min(44rem,calc(100vw-2rem))]',
} as const;
const CENTERED =
  'fixed left-1/2 top-1/2 z-50 max-h-[90vh] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-surface p-6 shadow-xl';
const SHEET =
  'fixed inset-y-0 right-0 z-50 w-72 max-w-full overflow-y-auto bg-surface p-4 shadow-xl';

const PartsContext = createContext(PLAIN);

export interface ModalProps {
  title: React.ReactNode;
  description: React.ReactNode;
  /** Read by screen readers only. */
  hideDescription?: boolean;
  alert?: boolean;
  size?: keyof typeof CONTENT | 'sheet';
  /** The button that opens the dialog; without one, `open` and `onOpenChange` drive it. */
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Where focus goes on closing, for a dialog opened without its trigger. */
  onCloseAutoFocus?: (event: Event) => void;
  children: React.ReactNode;
}

export function Modal({
  title,
  description,
  hideDescription = false,
  alert = false,
  size = 'sm',
  trigger,
  open,
  onOpenChange,
  onCloseAutoFocus,
  children,
}: ModalProps) {
  const P = alert ? ALERT : PLAIN;
  const sheet = size === 'sheet';
  return (
    <P.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <P.Trigger asChild>{trigger}</P.Trigger> : null}
      <P.Portal>
        <P.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <P.Content
          className={sheet ? SHEET : `${CENTERED} ${CONTENT[size]}`}
          onCloseAutoFocus={onCloseAutoFocus}
        >
          <PartsContext value={P}>
            <div className={sheet ? 'mb-4 flex items-center justify-between' : undefined}>
              <P.Title className="text-lg font-semibold">{title}</P.Title>
              {sheet ? (
                <P.Close
                  aria-label="Close menu"
                  className="rounded p-1 text-slate-600 hover:bg-slate-100"
                >
                  ✕
                </P.Close>
              ) : null}
            </div>
            <P.Description asChild>
              <div
                className={hideDescription ? 'sr-only' : 'mt-1 space-y-2 text-sm text-slate-700'}
              >
                {description}
              </div>
            </P.Description>
            {children}
          </PartsContext>
        </P.Content>
      </P.Portal>
    </P.Root>
  );
}

/** A button that closes the dialog it is in (Cancel, Done). */
export function ModalClose(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  const P = useContext(PartsContext);
  return <P.Close {...props} />;
}
