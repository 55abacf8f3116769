import { describe, expect, it } from 'vitest';
import { makeDraft, planAdd } from '@/lib/otp/account';

const mail = makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Mail', name: 'ann' });
const bank = makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Bank', name: 'ann@example.com' });
const shop = makeDraft({ secret: 'MFRGGZDFMZTWQ2LK', issuer: 'Shop', name: 'ann' });

describe('planAdd', () => {
  it('marks accounts already there and repeats within the batch as duplicates, keeping the batch order', () => {
    const bankAgain = { ...bank, issuer: ` ${bank.issuer.toUpperCase()} `, name: bank.name.toUpperCase() };
    const plan = planAdd([mail], [mail, bank, bankAgain, shop]);
    expect(plan.add).toEqual([bank, shop]);
    expect(plan.duplicates).toEqual([
      { account: mail, of: mail },
      { account: bankAgain, of: bank },
    ]);
  });

  it('names the existing account a duplicate repeats (the popup says which one)', () => {
    const stored = { ...mail, id: 'a1', order: 0, createdAt: 1 };
    const { add, duplicates } = planAdd([shop, stored], [{ ...mail, notes: 'typed again' }]);
    expect(add).toEqual([]);
    expect(duplicates[0]?.of).toBe(stored);
  });

  it('the same issuer and name with another secret is a different enrolment, not a duplicate', () => {
    const renewed = makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Mail', name: 'ann' });
    expect(planAdd([mail], [renewed])).toEqual({ add: [renewed], duplicates: [] });
  });

  it('nothing incoming, nothing planned; nothing existing, everything distinct is added', () => {
    expect(planAdd([mail], [])).toEqual({ add: [], duplicates: [] });
    expect(planAdd([], [mail, bank])).toEqual({ add: [mail, bank], duplicates: [] });
  });
});
