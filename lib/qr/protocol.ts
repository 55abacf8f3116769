/** Messages of enrolment-QR detection (content script / scanner ↔ background). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the enrolment feature
export interface EnrolProtocol {}

export const ENROL_CONTENT_MESSAGES: readonly (keyof EnrolProtocol)[] = [];
