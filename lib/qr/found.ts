import { AppError, serializeError, type AppErrorCode } from '@/lib/errors';
import { decodeMigrationLink } from '@/lib/otp/migration';
import { parseOtpauthUri } from '@/lib/otp/uri';
import type { FoundAccount, ScanProblem } from './messages';

/** A problem as the page holds it: `key` (the link and the code) says it is the same one again at the next scan. */
export interface PageProblem extends ScanProblem {
  key: string;
}

export interface PageFindings {
  /** Accounts that can be added, in page order, with the link each came from. */
  accounts: (FoundAccount & { link: string })[];
  /** Enrolment QR codes that are malformed, with the specific code (nothing of them is added). */
  problems: PageProblem[];
  /** The links to send when the person accepts (each once). */
  links: string[];
  /** Google exports: batches still missing, which (from 1) of how many (the offer words it: “2 of 3”). */
  missingBatches: { index: number; size: number }[];
}

/** A link that cannot be read at all: its own code (bad_digits, uri_no_secret…), or bad_otpauth_uri for anything else. */
function problemOf(link: string, error: unknown): PageProblem {
  const fallback: AppErrorCode = 'bad_otpauth_uri';
  const serialized = error instanceof AppError ? serializeError(error) : { code: fallback };
  return { key: `${link}\n${serialized.code}`, error: serialized };
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
        findings.problems.push(...result.skipped.map((s) => ({ ...s, key: `${raw}\n${s.position}\n${s.error.code}` })));
        const batch = batches.get(result.batch.id) ?? { size: result.batch.size, seen: new Set<number>() };
        batch.seen.add(result.batch.index);
        batches.set(result.batch.id, batch);
      } catch (error) {
        findings.problems.push(problemOf(raw, error));
      }
    } else if (/^(otpauth|steam):/i.test(raw)) {
      try {
        const draft = parseOtpauthUri(raw);
        findings.links.push(raw);
        findings.accounts.push({ issuer: draft.issuer, name: draft.name, link: raw });
      } catch (error) {
        findings.problems.push(problemOf(raw, error));
      }
    }
  }
  for (const batch of batches.values()) {
    for (let index = 0; index < batch.size; index++) if (!batch.seen.has(index)) findings.missingBatches.push({ index: index + 1, size: batch.size });
  }
  return findings;
}
