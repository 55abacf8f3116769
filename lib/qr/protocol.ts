import type { ScanStatus } from './scan-status';
/** What the page's offer shows for each account found: a label, or why it cannot be added. */
export interface FoundAccount {
  issuer: string;
  name: string;
}

export interface EnrolAddResult {
  locked: boolean;
  added: FoundAccount[];
  duplicates: FoundAccount[];
  /** The current code of the first new account, to fill the page's confirmation field (one code only). */
  code: string | null;
}

export interface ScanReport {
  found: number;
  status: ScanStatus;
  /** With status `problems`: why the enrolment codes found cannot be added (English, from found.ts). */
  problems?: string[];
}

/** Messages of enrolment-QR detection (content script / scanner ↔ background). */
export interface EnrolProtocol {
  /** Content script: this frame looks like a set-up page; inject the decoder here. */
  'enrol/scanMe': { request: null; response: null };
  /**
   * Scanner: read a QR code from an image of another origin, fetched by the background WITHOUT credentials and
   * only from public HTTPS hosts (fetch-policy.ts). Only the QR text comes back.
   */
  'enrol/decodeImageUrl': { request: { url: string }; response: { text: string | null } };
  /** Scanner, after the person accepted: add these links' accounts, bound to the sender's site. */
  'enrol/add': { request: { links: string[] }; response: EnrolAddResult };
  /** Popup / context menu: run the detection on the active tab now and say what it found. */
  'enrol/scanActiveTab': { request: null; response: ScanReport };
}

export const ENROL_CONTENT_MESSAGES: readonly (keyof EnrolProtocol)[] = ['enrol/scanMe', 'enrol/decodeImageUrl', 'enrol/add'];
