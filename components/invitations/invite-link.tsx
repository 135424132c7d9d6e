import { CopyField } from '@/components/ui/copy-field';
import { formatUtc } from '@/lib/format';

/** The one-time display of an invite link. */
export function InviteLink({ link, expiresAt }: { link: string; expiresAt?: string }) {
  return (
    <CopyField
      label="Invite link"
      value={link}
      note={
        <>
          This link is shown only once{expiresAt ? ` and works until ${formatUtc(expiresAt)}` : ''}.
          Anyone with it can join with this role.
        </>
      }
    />
  );
}
