import { AppError } from '@/lib/errors';
import { decodeMigrationLink } from '@/lib/otp/migration';
import { parseOtpauthUri } from '@/lib/otp/uri';
import type { FoundAccount } from './messages';

export interface PageFindings {
  /** Accounts that can be added, in page order, with the link each came from. */
  accounts: (FoundAccount & { link: string })[];
  /** Enrolment QR codes that are malformed, with the specific reason (nothing of them is added). */
  problems: string[];
  /** The links to send when the person accepts (each once). */
  links: string[];
  /** Google exports: batches still missing, e.g. "2 of 3". */
  missingBatches: string[];
}

/**
 * What the QR codes of a page mean: `otpauth://` enrolments, Google export batches (merged), malformed
 * enrolments (reported), and everything else (URLs, chat logins, payments) ignored silently.
 */
export function interpretQrTexts(texts: readonly string[]): PageFindings {
  const findings: PageFindings = { accounts: [], problems: [], links: [], missingBatches: [] };
  const batches = new Map<number, { size: number; seen: Set<number> }>();
  for (const raw of new Set(texts.map((t) => t.trim()))) {
    if (/^otpauth-migration:/i.test(raw)) {
      try {
        const result = decodeMigrationLink(raw);
        findings.links.push(raw);
        findings.accounts.push(...result.accounts.map((a) => ({ issuer: a.issuer, name: a.name, link: raw })));
        findings.problems.push(...result.skipped.map((s) => `${s.label}: ${s.reason}`));
        const batch = batches.get(result.batch.id) ?? { size: result.batch.size, seen: new Set<number>() };
        batch.seen.add(result.batch.index);
        batches.set(result.batch.id, batch);
      } catch (error) {
        findings.problems.push(error instanceof AppError ? error.message : 'This Google Authenticator export could not be read.');
      }
    } else if (/^(otpauth|steam):/i.test(raw)) {
      try {
        const draft = parseOtpauthUri(raw);
        findings.links.push(raw);
        findings.accounts.push({ issuer: draft.issuer, name: draft.name, link: raw });
      } catch (error) {
        findings.problems.push(error instanceof AppError ? error.message : 'This QR code is a malformed otpauth:// link.');
      }
    }
  }
  for (const batch of batches.values()) {
    for (let index = 0; index < batch.size; index++) if (!batch.seen.has(index)) findings.missingBatches.push(`${index + 1} of ${batch.size}`);
  }
  return findings;
}
