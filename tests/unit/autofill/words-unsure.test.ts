// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { classifyField } from '@/lib/autofill/classify';
import { addWords, whenWordsNeeded } from '@/lib/autofill/words';
import { LANGUAGE_WORDS } from '@/lib/autofill/words/languages';

describe('a field English words leave unsure about asks for the other languages (ASCII text in Swedish, Italian)', () => {
  it('Okta in Swedish: “Ange kod” under “Verifiera med Google Authenticator” waits, then is a code field', () => {
    let asked = 0;
    whenWordsNeeded(() => asked++);
    document.body.innerHTML = '<form><h2>Verifiera med Google Authenticator</h2><input type="text" placeholder="Ange kod" name="answer" id="input61"><input type="submit" value="Verifiera"></form>';
    const input = document.querySelector<HTMLInputElement>('#input61')!;
    expect(classifyField(input)).toMatchObject({ otp: false, pending: true });
    expect(asked).toBe(1);
    addWords(LANGUAGE_WORDS);
    expect(classifyField(input)).toMatchObject({ otp: true });
  });
  it('a field with no signal at all asks for nothing', () => {
    document.body.innerHTML = '<label>First name <input name="first"></label>';
    expect(classifyField(document.querySelector('input')!).pending).toBeUndefined();
  });
});
