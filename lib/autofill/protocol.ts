/** Messages of sign-in autofill (content script ↔ background). Owned by the autofill feature. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the autofill feature
export interface AutofillProtocol {}

/** Which of the messages above a content script may send. */
export const AUTOFILL_CONTENT_MESSAGES: readonly (keyof AutofillProtocol)[] = [];
