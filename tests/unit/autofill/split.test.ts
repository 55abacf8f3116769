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

describe('split boxes with their own focus and paste handlers', () => {
  /** The common auto-advance box (react-otp-input, vue-otp-input style): keeps the last character, moves focus on. */
  function autoAdvance(maxlength: number) {
    document.body.innerHTML = `<div>${Array.from({ length: 6 }, () => `<input maxlength="${maxlength}" inputmode="numeric" autocomplete="one-time-code">`).join('')}</div>`;
    const all = inputs();
    all.forEach((input, i) => {
      input.addEventListener('input', () => {
        if (input.value.length > 1) input.value = input.value.slice(-1);
        if (input.value) all[i + 1]?.focus();
      });
      // Focusing a box selects it and clears it, so the next key replaces its digit.
      input.addEventListener('focus', () => (input.value = ''));
    });
    return all;
  }

  it('maxlength=2 boxes trimmed by the page form one group, and every box ends with its digit', () => {
    const all = autoAdvance(2);
    const targets = findCodeTargets(document);
    expect(targets.map((t) => t.inputs.length)).toEqual([6]);
    fillCode(targets[0]!.inputs, '492817');
    expect(all.map((input) => input.value)).toEqual(['4', '9', '2', '8', '1', '7']);
  });

  it('a keydown handler that writes the digit itself and jumps ahead does not shift the digits', () => {
    document.body.innerHTML = `<div>${boxes(6)}</div>`;
    const all = inputs();
    all.forEach((input, i) => {
      input.addEventListener('keydown', (event) => {
        if (!/^\d$/.test(event.key)) return;
        event.preventDefault();
        input.value = event.key;
        // Some pages also pre-fill the next box with the same key (a bug real widgets have).
        const next = all[i + 1];
        if (next) {
          next.value = event.key;
          next.focus();
        }
      });
    });
    fillCode(all, '305118');
    expect(all.map((input) => input.value).join('')).toBe('305118');
  });
});
