import type { SerializedError } from '@/lib/errors';
import type { ScanStatus } from './scan-status';
import type { SendersOf } from '@/lib/messaging/types';

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

/**
 * An enrolment QR code that cannot be added, and why as {code, params}: the popup and the offer word it
 * (lib/i18n.ts skippedEntryText). Never the link itself (it holds the secret).
 */
export interface ScanProblem {
  /** Which account of a Google export (from 1), when the export reads but that account does not. */
  position?: number;
  issuer?: string;
  name?: string;
  error: SerializedError;
}

export interface ScanReport {
  found: number;
  status: ScanStatus;
  /** With status `problems`: why the enrolment codes found cannot be added (from found.ts). */
  problems?: ScanProblem[];
}

/** Messages of enrolment-QR detection (content script and injected scanner ↔ background ↔ popup). */
export interface EnrolProtocol {
  /** Content script: this frame looks like a set-up page; inject the decoder here. */
  'enrol/scanMe': { request: null; response: null };
  /**
   * Scanner: read a QR code from an image of another origin, fetched by the background WITHOUT credentials and
   * only from public HTTPS hosts (fetch-policy.ts). Only the QR text comes back.
   */
  'enrol/decodeImageUrl': { request: { url: string }; response: { text: string | null } };
  /**
   * Scanner, after the person accepted: add these links' accounts, bound to the sender's site. `icons` are the
   * page's own icon URLs (best first); the background fetches one under its image rule and keeps it re-encoded.
   */
  'enrol/add': { request: { links: string[]; icons?: string[] }; response: EnrolAddResult };
  /** Popup / context menu: run the detection on the active tab now and say what it found. */
  'enrol/scanActiveTab': { request: null; response: ScanReport };
}

export const ENROL_SENDERS = {
  'enrol/scanMe': ['content-script'],
  /** The injected scanner (entrypoints/scanner.ts) runs in the content script's world: a content-script sender. */
  'enrol/decodeImageUrl': ['content-script'],
  'enrol/add': ['content-script'],
  'enrol/scanActiveTab': ['extension-page'],
} as const satisfies SendersOf<EnrolProtocol>;

/**
 * Background → injected scanner: not a message but a function call through scripting.executeScript, so its
 * shape is declared here once. entrypoints/scanner.ts sets it; lib/qr/browser-deps.ts calls `scanNow`.
 */
export interface ScannerHandle {
  scanNow(): Promise<ScanReport>;
}
export type ScannerGlobal = typeof globalThis & { __keyringScanner?: ScannerHandle };
