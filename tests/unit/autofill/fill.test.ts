// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fillCode } from '@/lib/autofill/fill';

const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;

/**
 * A controlled input the way React keeps one: a value tracker on the node itself (React's
 * `_valueTracker` wraps the instance's `value` property), `onChange` only when the node's value
 * differs from the tracked one, and every render puts the component's state back into the node.
 */
function reactLikeControlledInput(input: HTMLInputElement) {
  const component = { state: '', renders: 0 };
  let tracked = input.value;
  Object.defineProperty(input, 'value', {
    configurable: true,
    get: () => nativeValue.get!.call(input) as string,
    set: (value: string) => {
      tracked = value;
      nativeValue.set!.call(input, value);
    },
  });
  const render = () => {
    component.renders++;
    if (input.value !== component.state) input.value = component.state; // controlled: state wins
  };
  const onChangeIfChanged = () => {
    const current = nativeValue.get!.call(input) as string;
    if (current !== tracked) {
      tracked = current;
      component.state = current; // onChange → setState
    }
    render();
  };
  input.addEventListener('input', onChangeIfChanged);
  input.addEventListener('change', onChangeIfChanged);
  return component;
}

describe('framework-proof filling', () => {
  it('a React-style controlled input keeps the code in its own state', () => {
    document.body.innerHTML = '<input name="otp" autocomplete="one-time-code">';
    const input = document.querySelector('input')!;
    const component = reactLikeControlledInput(input);
    fillCode([input], '492039');
    expect(component.state).toBe('492039');
    expect(input.value).toBe('492039');
  });

  it('the harness does catch a naive fill (value property and an input event): React would drop it', () => {
    document.body.innerHTML = '<input name="otp">';
    const input = document.querySelector('input')!;
    const component = reactLikeControlledInput(input);
    input.value = '492039';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(component.state).toBe('');
    expect(input.value).toBe('');
  });

  it('split boxes of a component that moves focus on each digit all end up in its state', () => {
    document.body.innerHTML = `<div>${'<input maxlength="1" inputmode="numeric">'.repeat(6)}</div>`;
    const boxes = Array.from(document.querySelectorAll('input'));
    const digits: string[] = boxes.map(() => '');
    boxes.forEach((box, i) => {
      box.addEventListener('input', () => {
        // Typical OTP component: keep the last character typed, re-render, jump to the next box.
        digits[i] = box.value.slice(-1);
        nativeValue.set!.call(box, digits[i]);
        boxes[i + 1]?.focus();
      });
    });
    fillCode(boxes, '305172');
    expect(digits.join('')).toBe('305172');
    expect(boxes.map((box) => box.value).join('')).toBe('305172');
  });

  it('a site that builds its value from key events gets every digit once', () => {
    document.body.innerHTML = '<input name="pin" maxlength="6">';
    const input = document.querySelector('input')!;
    let typed = '';
    input.addEventListener('keydown', (event) => {
      if (/^\d$/.test(event.key)) typed += event.key;
    });
    fillCode([input], '771204');
    expect(typed).toBe('771204');
    expect(input.value).toBe('771204');
  });

  it('events bubble out of a shadow root to a listener on the document (composed)', () => {
    document.body.innerHTML = '<otp-box></otp-box>';
    const shadow = document.querySelector('otp-box')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input name="otp">';
    const seen: string[] = [];
    document.addEventListener('input', () => seen.push('input'));
    document.addEventListener('keyup', () => seen.push('keyup'));
    fillCode([shadow.querySelector('input')!], '12');
    expect(seen).toEqual(['input', 'keyup', 'keyup']);
  });

  it('a longer code than there are boxes fills the boxes only; the last filled box loses focus', () => {
    document.body.innerHTML = `<div>${'<input maxlength="1">'.repeat(4)}</div>`;
    const boxes = Array.from(document.querySelectorAll('input'));
    fillCode(boxes, '123456');
    expect(boxes.map((box) => box.value)).toEqual(['1', '2', '3', '4']);
    expect(document.activeElement).not.toBe(boxes[3]);
  });
});
