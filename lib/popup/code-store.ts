import type { CodeView } from '@/lib/vault/messages';

/**
 * The live codes of the popup, one clock for all. Rows subscribe to their own account's code, so a
 * step boundary re-renders only the rows whose code changed (and only rows that are mounted).
 */
export class CodeStore {
  private readonly codes = new Map<string, CodeView>();
  private readonly listeners = new Map<string, Set<() => void>>();
  /** The clock-check correction (settings.clockOffsetSeconds): `validUntil` is on the corrected clock. */
  clockOffsetMs = 0;

  /** The corrected time, on the same clock as the background's `validUntil`. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** The time of the last step boundary handled (advance); views older than it swap lazily. */
  private advancedTo = -Infinity;

  get(id: string): CodeView | undefined {
    return this.current(id, this.advancedTo);
  }

  /** The view for `now`: a code whose step ended is swapped for its prepared next one on first use. */
  private current(id: string, now: number): CodeView | undefined {
    const view = this.codes.get(id);
    if (!view || view.validUntil === null || view.validUntil > now) return view;
    const period = view.period * 1000;
    // A popup left open while the computer slept may be several steps behind: skip to the current one.
    const steps = Math.floor((now - view.validUntil) / period) + 1;
    const next: CodeView =
      steps === 1 && view.nextCode
        ? { id: view.id, code: view.nextCode, nextCode: null, validUntil: view.validUntil + period, period: view.period }
        : { id: view.id, code: '', nextCode: null, validUntil: view.validUntil + steps * period, period: view.period };
    this.codes.set(id, next);
    return next;
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /** Stores fresh views; tells only the rows whose code or step changed. */
  setMany(views: readonly CodeView[]): void {
    for (const view of views) {
      const old = this.codes.get(view.id);
      this.codes.set(view.id, view);
      if (!old || old.code !== view.code || old.validUntil !== view.validUntil || old.nextCode !== view.nextCode) this.notify(view.id);
    }
  }

  /** Forgets every code but `keep` (after a delete or relock). */
  retain(keep: ReadonlySet<string>): void {
    for (const id of [...this.codes.keys()]) if (!keep.has(id)) this.codes.delete(id);
  }

  /**
   * At a step boundary: swaps in the prepared next code of every account whose step ended, without
   * a round trip. Returns the ids that changed (their following codes are then fetched).
   */
  advance(now: number): string[] {
    // Cheap at a boundary even for 1,000 accounts: only mounted rows are swapped and told now; the
    // others swap lazily in get().
    this.advancedTo = Math.max(this.advancedTo, now);
    const changed: string[] = [];
    for (const [id, view] of this.codes) if (view.validUntil !== null && view.validUntil <= now) changed.push(id);
    for (const id of this.listeners.keys()) {
      const before = this.codes.get(id);
      if (before && before.validUntil !== null && before.validUntil <= now) {
        this.current(id, now);
        this.notify(id);
      }
    }
    return changed;
  }

  /** Epoch ms of the earliest step end, or null if no account is time-based. */
  nextBoundary(): number | null {
    let earliest: number | null = null;
    const now = this.advancedTo;
    for (const view of this.codes.values()) {
      if (view.validUntil === null) continue;
      // A view not yet swapped (lazy) ends where its current step ends, computed without touching it.
      const period = view.period * 1000;
      const until = view.validUntil > now ? view.validUntil : view.validUntil + (Math.floor((now - view.validUntil) / period) + 1) * period;
      if (earliest === null || until < earliest) earliest = until;
    }
    return earliest;
  }

  private notify(id: string): void {
    for (const listener of this.listeners.get(id) ?? []) listener();
  }
}
