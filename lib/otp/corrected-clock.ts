/**
 * The one clock codes are computed on: the computer's time plus the clock check's correction
 * (settings.clockOffsetSeconds, set when the person accepts a detected drift). Every place that makes or
 * times a code (popup list, fill, page enrolment) reads the time through here, so they never disagree.
 */
export function correctedNow(now: number, settings: { readonly clockOffsetSeconds: number }): number {
  return now + settings.clockOffsetSeconds * 1000;
}
