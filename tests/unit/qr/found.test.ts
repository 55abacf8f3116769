import { describe, expect, it } from 'vitest';
import { makeDraft } from '@/lib/otp/account';
import { encodeMigrationLink } from '@/lib/otp/migration';
import { interpretQrTexts } from '@/lib/qr/found';

const A = makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Mail', name: 'ann' });
const B = makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Chat', name: 'ann' });
const C = makeDraft({ secret: 'MFRGGZDFMZTWQ2LK', issuer: 'Cloud', name: 'ann' });

describe('what the QR codes of a page mean', () => {
  it('an otpauth:// code is an account to add', () => {
    const link = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
    expect(interpretQrTexts([link])).toEqual({ accounts: [{ issuer: 'GitHub', name: 'alice', link }], problems: [], links: [link], missingBatches: [] });
  });

  it('URLs, chat logins and payment codes are ignored silently', () => {
    expect(interpretQrTexts(['https://example.com/menu', 'BCD\n002\n1\nSCT\nX', 'WIFI:S:home;T:WPA;P:pw;;'])).toEqual({ accounts: [], problems: [], links: [], missingBatches: [] });
  });

  it('a malformed enrolment is reported with the specific reason and nothing is offered to add', () => {
    const found = interpretQrTexts(['otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=4', 'otpauth://totp/X:y?issuer=X', 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&algorithm=MD5']);
    expect(found.accounts).toEqual([]);
    expect(found.problems).toEqual(['Digits must be a whole number from 5 to 10, not 4.', 'The link has no secret.', 'Unsupported algorithm “MD5”.']);
  });

  it('a Google export across batches: every account in one list, and a missing batch is named', () => {
    const first = encodeMigrationLink([A, B], { id: -7, index: 0, size: 3 });
    const third = encodeMigrationLink([C], { id: -7, index: 2, size: 3 });
    const found = interpretQrTexts([first, third, first]);
    expect(found.accounts.map((a) => a.issuer)).toEqual(['Mail', 'Chat', 'Cloud']);
    expect(found.links).toEqual([first, third]);
    expect(found.missingBatches).toEqual(['2 of 3']);
  });
});
