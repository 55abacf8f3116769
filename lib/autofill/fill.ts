/**
 * Sets a value the way frameworks notice: React and others track `value` through the prototype's
 * setter, so we call that one, then send the events a typing person would.
 */
function setNativeValue(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input) as object, 'value')?.set ?? Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
}

function key(input: HTMLInputElement, type: 'keydown' | 'keypress' | 'keyup', char: string): void {
  input.dispatchEvent(new KeyboardEvent(type, { key: char, code: /\d/.test(char) ? `Digit${char}` : `Key${char.toUpperCase()}`, bubbles: true, cancelable: true, composed: true }));
}

/** Types `text` into one input: focus, key events, the native setter, input and change. */
export function typeInto(input: HTMLInputElement, text: string): void {
  input.focus();
  for (const char of text) {
    key(input, 'keydown', char);
    key(input, 'keypress', char);
  }
  setNativeValue(input, text);
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
  for (const char of text) key(input, 'keyup', char);
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Fills a code into its target: one input, or one character per split input in order. */
export function fillCode(inputs: readonly HTMLInputElement[], code: string): void {
  if (inputs.length === 1 && inputs[0]) {
    typeInto(inputs[0], code);
    return;
  }
  inputs.forEach((input, i) => typeInto(input, code[i] ?? ''));
  // The page's own handlers may have moved focus, trimmed or spread what was typed: every box ends with its digit.
  inputs.forEach((input, i) => {
    const digit = code[i] ?? '';
    if (input.value === digit) return;
    setNativeValue(input, digit);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: digit }));
  });
  inputs[Math.min(inputs.length, code.length) - 1]?.blur();
}
