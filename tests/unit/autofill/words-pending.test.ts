// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { classifyField } from '@/lib/autofill/classify';
import { findCodeTargets } from '@/lib/autofill/find';
import { addWords, whenWordsNeeded } from '@/lib/autofill/words';
import { LANGUAGE_WORDS } from '@/lib/autofill/words/languages';

describe('a page in another language waits for its words, asked once', () => {
  it('undecided (never filled) until the words arrive, then decided', () => {
    let asked = 0;
    whenWordsNeeded(() => asked++);
    document.body.innerHTML = '<form><label for="c">認証コード</label><input id="c" name="otp"></form><div>' + '<input maxlength="1">'.repeat(6) + '<p>手机号</p></div>';
    const input = document.getElementById('c') as HTMLInputElement;
    expect(classifyField(input)).toMatchObject({ otp: false, excluded: false, pending: true });
    expect(findCodeTargets(document)).toEqual([]);
    expect(asked).toBe(1);
    addWords(LANGUAGE_WORDS);
    expect(classifyField(input)).toMatchObject({ otp: true });
    expect(asked).toBe(1);
  });
});

describe('English text', () => {
  it('English text needs no other language', () => {
    document.body.innerHTML = '<label>Authentication code <input name="code"></label>';
    expect(classifyField(document.querySelector('input')!).pending).toBeUndefined();
  });
});
