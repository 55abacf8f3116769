import { iconSrc, labelHue } from '@/lib/icons/icon';
import type { AccountIcon } from '@/lib/otp/account';
import { avatarOf } from '@/lib/popup/avatar';

/**
 * An account's picture in a list: its kept image (a site's favicon, an imported Aegis icon), a 2FAS label,
 * or a letter on a colour made from its title. Decoration only: the row's text names the account.
 */
export function AccountAvatar({ title, icon }: { title: string; icon?: AccountIcon | undefined }) {
  const src = icon && iconSrc(icon);
  if (src) return <img class="avatar avatar-image" src={src} alt="" aria-hidden="true" width={30} height={30} />;
  if (icon?.kind === 'label') {
    return <span class="avatar avatar-label" aria-hidden="true" style={{ '--hue': String(labelHue(icon.color)) }}>{icon.text}</span>;
  }
  const avatar = avatarOf(title);
  return <span class="avatar" aria-hidden="true" style={{ '--hue': String(avatar.hue) }}>{avatar.letter}</span>;
}
