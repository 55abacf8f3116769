import type { RecoveryCode } from '@/lib/otp/account';

/**
 * Reads a pasted list of recovery codes, one per line, as services hand them out:
 * `1. abcd-efgh`, `• 1234 5678`, `- xyz12`. Numbering and bullets go; a space inside a code stays
 * (Google's `1234 5678`). Duplicates and codes already stored are skipped.
 */
export function parseRecoveryCodes(pasted: string, existing: readonly RecoveryCode[] = []): RecoveryCode[] {
  const seen = new Set(existing.map((c) => c.code));
  const codes: RecoveryCode[] = [];
  for (const line of pasted.split(/\r?\n|,|;/)) {
    const code = line
      .replace(/^\s*(?:\d{1,3}[.)]\s+|[-*•·]\s*)/u, '')
      .trim()
      .replace(/\s+/g, ' ');
    if (code.length === 0 || seen.has(code)) continue;
    seen.add(code);
    codes.push({ code, used: false });
  }
  return codes;
}

export function countUnused(codes: readonly RecoveryCode[]): number {
  return codes.filter((c) => !c.used).length;
}
