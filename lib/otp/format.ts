/** Groups a code for reading aloud: `123 456`, `1234 5678`, `12345`, `123 4567`, `12345 67890`. */
export function groupCode(code: string): string {
  const n = code.length;
  if (n <= 5) return code;
  if (n === 6) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (n === 7) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (n === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  if (n === 9) return `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
  return `${code.slice(0, 5)} ${code.slice(5)}`;
}
