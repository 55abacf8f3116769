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

  it('a malformed enrolment is reported with its specific code and params (no English) and nothing is offered to add', () => {
    const digits = 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=4';
    const noSecret = 'otpauth://totp/X:y?issuer=X';
    const md5 = 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&algorithm=MD5';
    const found = interpretQrTexts([digits, noSecret, md5]);
    expect(found.accounts).toEqual([]);
    expect(found.problems).toEqual([
      { key: `${digits}\nbad_digits`, error: { code: 'bad_digits', params: { digits: '4' } } },
      { key: `${noSecret}\nuri_no_secret`, error: { code: 'uri_no_secret' } },
      { key: `${md5}\nbad_algorithm`, error: { code: 'bad_algorithm', params: { algorithm: 'MD5' } } },
    ]);
  });

  it('a Google export that cannot be read, and an account of one that cannot be added, are problems with their codes', () => {
    const damaged = 'otpauth-migration://offline?data=CgUKAw%3D%3D';
    const huge = encodeMigrationLink([A, makeDraft({ secret: 'A'.repeat(1040), issuer: 'Huge', name: 'bob' })]);
    const found = interpretQrTexts([damaged, huge]);
    expect(found.accounts.map((a) => a.issuer)).toEqual(['Mail']);
    expect(found.problems).toEqual([
      { key: `${damaged}\nbad_otpauth_uri`, error: { code: 'bad_otpauth_uri' } },
      { key: `${huge}\n2\nsecret_too_long`, position: 2, issuer: 'Huge', name: 'bob', error: { code: 'secret_too_long' } },
    ]);
  });

  it('a Google export across batches: every account in one list, and a missing batch is named', () => {
    const first = encodeMigrationLink([A, B], { id: -7, index: 0, size: 3 });
    const third = encodeMigrationLink([C], { id: -7, index: 2, size: 3 });
    const found = interpretQrTexts([first, third, first]);
    expect(found.accounts.map((a) => a.issuer)).toEqual(['Mail', 'Chat', 'Cloud']);
    expect(found.links).toEqual([first, third]);
    expect(found.missingBatches).toEqual([{ index: 2, size: 3 }]);
  });
});
