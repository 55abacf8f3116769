/** Content-script side of sign-in autofill: finds one-time-code fields and fills them on request. */
export function startAutofill(): void {
  // filled in by the autofill feature
}
