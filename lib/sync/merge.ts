import type { Account } from '@/lib/otp/account';

/**
 * Per-account three-way merge with version vectors.
 *
 * Every replica (this browser, each other device's published state) holds at most one version per
 * account id. A version carries a version vector (device id → counter): one version supersedes
 * another when its vector is ≥ in every entry. Versions that do not supersede each other are
 * concurrent: equal content (ignoring list order and HOTP counter, which merge by rule) collapses,
 * a delete loses against an edit, and different edits keep BOTH — the winner stays under the id, every
 * other version becomes a visible conflict copy with a deterministic id, so every browser that sees the
 * same versions produces the same result and the replicas converge.
 *
 * Pure and synchronous: no crypto, no storage. `base` is what this browser published last time; a
 * local account that differs from its base version is a local edit (a missing one is a local delete).
 */

export type VersionVector = Record<string, number>;

export interface DeviceInfo {
  id: string;
  name: string;
}

export interface RecordVersion {
  id: string;
  vv: VersionVector;
  deleted: boolean;
  /** null for a tombstone. */
  account: Account | null;
  /** The device that made this version, for naming a conflict copy. */
  by: DeviceInfo;
  /** A tombstone's time (epoch ms, when the delete was first merged): tombstones are dropped after a bound. */
  at?: number;
}

export interface MergeInput {
  me: DeviceInfo;
  base: ReadonlyMap<string, RecordVersion>;
  local: ReadonlyMap<string, Account>;
  /** Each other replica's versions (duplicates and any order are fine). */
  remotes: readonly (readonly RecordVersion[])[];
  /** Name of a conflict copy, e.g. `alice (conflict from Laptop)`. */
  conflictName?(name: string, device: string): string;
  /** Now (epoch ms): the time given to a tombstone made in this merge. */
  now?: number;
  /** A winning tombstone this returns true for is dropped from the state (see `tombstoneCleanup`). */
  dropTombstone?(tombstone: RecordVersion): boolean;
}

export interface MergeResult {
  /** Accounts to write locally (new or changed). */
  put: Account[];
  /** Account ids to delete locally. */
  remove: string[];
  /** The merged state: the new base, and what this browser publishes. */
  state: Map<string, RecordVersion>;
  /** Number of conflict copies created in this merge. */
  conflicts: number;
  /** The merged state differs from `base` (something must be published). */
  changed: boolean;
}

const defaultConflictName = (name: string, device: string) => `${name} (conflict from ${device})`;

export function merge(input: MergeInput): MergeResult {
  const conflictName = input.conflictName ?? defaultConflictName;
  const candidates = new Map<string, RecordVersion[]>();
  const add = (v: RecordVersion) => {
    const list = candidates.get(v.id);
    if (list) list.push(v);
    else candidates.set(v.id, [v]);
  };
  const ids = new Set<string>([...input.base.keys(), ...input.local.keys()]);
  for (const id of ids) {
    const own = localVersion(input.me, input.base.get(id), input.local.get(id), input.now);
    if (own) add(own);
  }
  for (const remote of input.remotes) for (const v of remote) add(v);

  const state = new Map<string, RecordVersion>();
  let conflicts = 0;
  // Conflict copies are candidates for their own (deterministic) id: a copy made earlier, maybe
  // edited or deleted since, supersedes the one derived again here.
  let queue = [...candidates.keys()];
  for (let round = 0; queue.length > 0 && round < 4; round++) {
    const copies: RecordVersion[] = [];
    for (const id of queue) {
      const { winner, losers } = resolve(candidates.get(id)!);
      state.set(id, winner);
      for (const loser of losers) copies.push(conflictCopy(loser, conflictName));
    }
    queue = [];
    for (const copy of copies) {
      const list = candidates.get(copy.id) ?? [];
      if (list.some((v) => sameVersion(v, copy) || vvLeq(copy.vv, v.vv))) continue;
      if (!candidates.has(copy.id)) conflicts++;
      candidates.set(copy.id, [...list, copy]);
      queue.push(copy.id);
    }
  }

  const put: Account[] = [];
  const remove: string[] = [];
  let changed = false;
  for (const [id, v] of state) {
    if (v.deleted && input.dropTombstone?.(v)) state.delete(id);
  }
  for (const id of input.base.keys()) if (!state.has(id)) changed = true;
  for (const [id, v] of state) {
    const local = input.local.get(id);
    if (v.deleted) {
      if (local) remove.push(id);
    } else if (!local || canonical(local) !== canonical(v.account!)) {
      // A version that came without an icon keeps the one this browser has.
      put.push(!v.account!.icon && local?.icon ? { ...v.account!, icon: local.icon } : v.account!);
    }
    const before = input.base.get(id);
    if (!before || vvKey(before.vv) !== vvKey(v.vv) || before.deleted !== v.deleted) changed = true;
  }
  return { put, remove, state, conflicts, changed };
}

/** This browser's version of one id: its base when unchanged, else a new version counted for `me`. */
function localVersion(me: DeviceInfo, base: RecordVersion | undefined, local: Account | undefined, now: number | undefined): RecordVersion | null {
  if (local) {
    if (base && !base.deleted && canonical(base.account!) === canonical(local)) return base;
    return { id: local.id, vv: bump(base?.vv ?? {}, me.id), deleted: false, account: local, by: me };
  }
  if (!base) return null;
  if (base.deleted) return base;
  return { id: base.id, vv: bump(base.vv, me.id), deleted: true, account: null, by: me, ...(now === undefined ? {} : { at: now }) };
}

function resolve(versions: RecordVersion[]): { winner: RecordVersion; losers: RecordVersion[] } {
  // Keep the versions nothing else supersedes, once each.
  const maximal: RecordVersion[] = [];
  for (const v of versions) {
    if (maximal.some((m) => sameVersion(m, v))) continue;
    if (versions.some((o) => o !== v && vvLeq(v.vv, o.vv) && !vvLeq(o.vv, v.vv))) continue;
    maximal.push(v);
  }
  if (maximal.length === 1) return { winner: maximal[0]!, losers: [] };
  const vv = maximal.map((m) => m.vv).reduce(join, {});
  const live = maximal.filter((m) => !m.deleted);
  if (live.length === 0) {
    const [first] = [...maximal].sort(byDevice);
    // The latest time of the concurrent deletes: the tombstone lives its full bound from the last one.
    const times = maximal.map((m) => m.at);
    const at = times.every((t) => t !== undefined) ? Math.max(...(times as number[])) : undefined;
    const { at: _ignored, ...rest } = first!;
    return { winner: { ...rest, vv, ...(at === undefined ? {} : { at }) }, losers: [] };
  }
  // Group edits by content (order and HOTP counter aside); the first group by a stable order wins.
  const groups = new Map<string, RecordVersion[]>();
  for (const m of live) {
    const key = canonical(m.account!, true);
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => combine(g));
  const [first, ...rest] = sorted;
  return { winner: { ...first!, vv }, losers: rest };
}

/** Versions with the same content: one version, the highest HOTP counter, a stable order. */
function combine(group: RecordVersion[]): RecordVersion {
  const sorted = [...group].sort(byDevice);
  const pick = sorted[sorted.length - 1]!;
  const counter = Math.max(...group.map((g) => g.account!.counter));
  return { ...pick, vv: group.map((g) => g.vv).reduce(join, {}), account: { ...pick.account!, counter } };
}

function conflictCopy(loser: RecordVersion, conflictName: (name: string, device: string) => string): RecordVersion {
  const account = loser.account!;
  const id = `${account.id.slice(0, 36)}~${hash(canonical(account, true) + vvKey(loser.vv))}`;
  const label = account.name || account.issuer;
  return {
    id,
    vv: loser.vv,
    deleted: false,
    by: loser.by,
    account: { ...account, id, name: conflictName(label, loser.by.name), pinned: account.pinned },
  };
}

function byDevice(a: RecordVersion, b: RecordVersion): number {
  const ka = `${vvKey(a.vv)}|${a.by.id}`;
  const kb = `${vvKey(b.vv)}|${b.by.id}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function sameVersion(a: RecordVersion, b: RecordVersion): boolean {
  return (
    vvKey(a.vv) === vvKey(b.vv) &&
    a.deleted === b.deleted &&
    (a.deleted || canonical(a.account!) === canonical(b.account!))
  );
}

/** Tombstones live at least this long (and until every device still syncing has seen them). */
export const TOMBSTONE_BOUND_MS = 90 * 86_400_000;

/**
 * Which tombstones can be forgotten: older than the bound, and seen by every device that published
 * within the bound (its state has a version of the id at least as new, or no version at all: it
 * dropped the tombstone itself or never had the account). A device silent for longer than the bound
 * no longer holds tombstones back, so the state stays bounded; a device offline for less than the
 * bound always finds the tombstone, so a deleted account never comes back from it. A tombstone
 * without a time (none written by this version) is kept.
 */
export function tombstoneCleanup(options: {
  now: number;
  boundMs?: number;
  replicas: readonly { writtenAt: number; versions: readonly RecordVersion[] }[];
}): (tombstone: RecordVersion) => boolean {
  const bound = options.boundMs ?? TOMBSTONE_BOUND_MS;
  const active = options.replicas
    .filter((r) => options.now - r.writtenAt <= bound)
    .map((r) => new Map(r.versions.map((v) => [v.id, v] as const)));
  return (tombstone) => {
    if (!tombstone.deleted || tombstone.at === undefined || options.now - tombstone.at <= bound) return false;
    return active.every((versions) => {
      const theirs = versions.get(tombstone.id);
      return !theirs || vvLeq(tombstone.vv, theirs.vv);
    });
  };
}

export function bump(vv: VersionVector, device: string): VersionVector {
  return { ...vv, [device]: (vv[device] ?? 0) + 1 };
}

export function join(a: VersionVector, b: VersionVector): VersionVector {
  const out: VersionVector = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, n);
  return out;
}

/** `a` is superseded by or equal to `b`. */
export function vvLeq(a: VersionVector, b: VersionVector): boolean {
  return Object.entries(a).every(([k, n]) => n <= (b[k] ?? 0));
}

/** A stable text form of a version vector (sorted, zero entries dropped). */
export function vvKey(vv: VersionVector): string {
  return Object.keys(vv)
    .filter((k) => (vv[k] ?? 0) > 0)
    .sort()
    .map((k) => `${k}:${vv[k]}`)
    .join(',');
}

/** Key-sorted JSON of an account; `forConflict` leaves out what merges by rule (order, counter). */
export function canonical(account: Account, forConflict = false): string {
  // The icon is decoration each browser may hold or not (browser sync leaves it out for space): it neither
  // makes a new version nor a conflict; it travels along with the account's other changes.
  const entries = Object.entries(account)
    .filter(([k]) => k !== 'icon')
    .filter(([k]) => !forConflict || (k !== 'order' && k !== 'counter'))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify(entries);
}

/** FNV-1a, 2 × 32 bits: a stable id suffix, not a security property. */
function hash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x0100019d);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
