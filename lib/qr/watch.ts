/** Content-script side of enrolment: a cheap look for a likely enrolment QR; asks for the scanner when one may be there. */
export function startEnrolmentWatch(): void {
  // filled in by the enrolment feature
}
