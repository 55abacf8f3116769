// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findCodeTargets } from '@/lib/autofill/find';
import { fillCode } from '@/lib/autofill/fill';
import { splitGroups } from '@/lib/autofill/split';

const boxes = (count: number, extra = '') => Array.from({ length: count }, (_, i) => `<input maxlength="1" inputmode="numeric" data-i="${i}" ${extra}>`).join('');

/** Gives each input a layout box, as a browser would (happy-dom has no layout). */
function placeAt(input: HTMLInputElement, left: number, top: number): void {
  input.getBoundingClientRect = () => ({ left, top, width: 40, height: 48, right: left + 40, bottom: top + 48, x: left, y: top, toJSON: () => ({}) }) as DOMRect;
}

const inputs = () => Array.from(document.querySelectorAll('input'));

describe('split code fields', () => {
  it('groups 4 to 8 single-character boxes of one container, not 3 or 9', () => {
    document.body.innerHTML = [3, 4, 6, 8, 9].map((n) => `<div id="g${n}">${boxes(n)}</div>`).join('');
    expect(splitGroups(inputs()).map((group) => group.length)).toEqual([4, 6, 8]);
  });

  it('orders the boxes as the person sees them, not as the DOM lists them', () => {
    // CSS (flex-direction: row-reverse, order:, absolute positions) can show the DOM's last box first.
    document.body.innerHTML = `<div>${boxes(6)}</div>`;
    inputs().forEach((input, i) => placeAt(input, 500 - i * 50, 100));
    const [group] = splitGroups(inputs());
    expect(group?.map((input) => input.dataset.i)).toEqual(['5', '4', '3', '2', '1', '0']);
    fillCode(group!, '123456');
    expect(inputs().map((input) => input.value).join('')).toBe('654321');
  });

  it('reads two rows of boxes row by row', () => {
    document.body.innerHTML = `<div>${boxes(8)}</div>`;
    // Row 2 (DOM 0–3) is drawn under row 1 (DOM 4–7); a 3 px baseline wobble stays on one row.
    inputs().forEach((input, i) => placeAt(input, (i % 4) * 50, (i < 4 ? 200 : 100) + (i % 2) * 3));
    expect(splitGroups(inputs())[0]?.map((input) => input.dataset.i)).toEqual(['4', '5', '6', '7', '0', '1', '2', '3']);
  });

  it('keeps DOM order when there is no layout (hidden or not rendered)', () => {
    document.body.innerHTML = `<div>${boxes(6)}</div>`;
    expect(splitGroups(inputs())[0]?.map((input) => input.dataset.i)).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('password-type PIN boxes and checkboxes are never a code', () => {
    document.body.innerHTML = `<div>${boxes(6, 'type="password"')}</div><div>${Array.from({ length: 6 }, () => '<input type="checkbox" maxlength="1">').join('')}</div>`;
    expect(splitGroups(inputs())).toEqual([]);
  });

  it('a group labelled as a card or phone number is not a code', () => {
    document.body.innerHTML = `<div>${Array.from({ length: 4 }, (_, i) => `<input maxlength="1" aria-label="Card number digit ${i + 1}">`).join('')}</div>`;
    expect(findCodeTargets(document)).toEqual([]);
    document.body.innerHTML = `<div>${Array.from({ length: 4 }, () => '<input maxlength="1" autocomplete="cc-csc">').join('')}</div>`;
    expect(findCodeTargets(document)).toEqual([]);
  });

  it('a split group inside an open shadow root is found and filled digit by digit', () => {
    document.body.innerHTML = '<otp-input></otp-input>';
    const shadow = document.querySelector('otp-input')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div>${boxes(6)}</div>`;
    const [target] = findCodeTargets(document);
    expect(target?.inputs).toHaveLength(6);
    fillCode(target!.inputs, '908172');
    expect(Array.from(shadow.querySelectorAll('input')).map((input) => input.value)).toEqual(['9', '0', '8', '1', '7', '2']);
  });
});
