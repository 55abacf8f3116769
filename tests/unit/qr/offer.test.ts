// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { PageFindings } from '@/lib/qr/found';

vi.mock('wxt/browser', () => ({ browser: { i18n: { getMessage: (key: string) => key } } }));
const { showOffer } = await import('@/lib/qr/offer');

const demo = 'otpauth://totp/Demo:you?secret=JBSWY3DPEHPK3PXP&issuer=Demo';
const other = 'otpauth://totp/Other:you?secret=GEZDGNBVGY3TQOJQ&issuer=Other';
const findings = (...links: string[]): PageFindings => ({
  accounts: links.map((link) => ({ issuer: link === demo ? 'Demo' : 'Other', name: 'you', link })),
  problems: [],
  links,
  missingBatches: [],
});
const hosts = () => document.querySelectorAll('keyring-offer').length;

describe('the offer: what the person dismissed stays dismissed on this page', () => {
  it('rescans of the same QR code do not bring it back; a new one does, without the dismissed one', () => {
    const onAdd = vi.fn();
    const offer = showOffer(findings(demo), onAdd);
    expect(hosts()).toBe(1);
    offer.remove(); // Dismiss
    expect(hosts()).toBe(0);
    for (let i = 0; i < 5; i++) offer.update(findings(demo));
    expect(hosts()).toBe(0);
    offer.update(findings(demo, other));
    expect(hosts()).toBe(1);
    offer.remove();
    offer.update(findings(other, demo));
    expect(hosts()).toBe(0);
  });

  it('Escape dismisses it wherever the focus is; other keys do nothing', () => {
    const offer = showOffer(findings(other), vi.fn());
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(hosts()).toBe(1);
    // happy-dom's events are not trusted, and the offer acts only on the person's own key press.
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true });
    Object.defineProperty(escape, 'isTrusted', { value: true });
    document.body.dispatchEvent(escape);
    expect(hosts()).toBe(0);
    offer.update(findings(other));
    expect(hosts()).toBe(0);
  });

  it('a dismissed problem stays dismissed by its key (its link and code), though each scan makes it anew; another brings the offer back', () => {
    const broken = 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=4';
    const problem = (link: string, code: 'bad_digits' | 'uri_no_secret'): PageFindings => ({
      accounts: [],
      problems: [{ key: `${link}\n${code}`, error: code === 'bad_digits' ? { code, params: { digits: '4' } } : { code } }],
      links: [],
      missingBatches: [],
    });
    const offer = showOffer(problem(broken, 'bad_digits'), vi.fn());
    expect(hosts()).toBe(1);
    offer.remove();
    for (let i = 0; i < 3; i++) offer.update(problem(broken, 'bad_digits'));
    expect(hosts()).toBe(0);
    offer.update(problem('otpauth://totp/X:y?issuer=X', 'uri_no_secret'));
    expect(hosts()).toBe(1);
    offer.remove();
  });
});
