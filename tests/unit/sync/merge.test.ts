import { describe, expect, it } from 'vitest';
import { makeDraft, type Account } from '@/lib/otp/account';
import { merge, vvLeq, type RecordVersion } from '@/lib/sync/merge';

/**
 * A model of replicas (browsers) that publish their whole state and read each other's, as the
 * WebDAV engine does (one file per device) and as storage.sync does (one shared state: the model's
 * `shared` mode). Nothing here is mocked but the transport: merge() is the code the extension runs.
 */
class Replica {
  local = new Map<string, Account>();
  base = new Map<string, RecordVersion>();
  published: RecordVersion[] = [];
  conflicts = 0;
  constructor(readonly id: string) {}

  add(name: string, secret = 'JBSWY3DPEHPK3PXP'): Account {
    const account: Account = { ...makeDraft({ secret, issuer: 'Site', name }), id: `${name}-${this.id}-${this.local.size}`, order: this.local.size, createdAt: 1 };
    this.local.set(account.id, account);
    return account;
  }
  edit(id: string, patch: Partial<Account>): void {
    const current = this.local.get(id);
    if (!current) throw new Error(`no ${id} on ${this.id}`);
    this.local.set(id, { ...current, ...patch });
  }
  remove(id: string): void {
    this.local.delete(id);
  }
  /** One sync round: read what the others published, merge, apply, publish. */
  sync(...others: (Replica | RecordVersion[])[]): void {
    const remotes = others.map((o) => (o instanceof Replica ? o.published : o));
    const result = merge({ me: { id: this.id, name: `Browser ${this.id}` }, base: this.base, local: this.local, remotes });
    for (const account of result.put) this.local.set(account.id, account);
    for (const id of result.remove) this.local.delete(id);
    this.base = result.state;
    this.published = [...result.state.values()];
    this.conflicts += result.conflicts;
  }
  names(): string[] {
    return [...this.local.values()].map((a) => a.name).sort();
  }
}

function converged(...replicas: Replica[]): void {
  const [first, ...rest] = replicas;
  const view = (r: Replica) => [...r.local.values()].map((a) => JSON.stringify(Object.entries(a).sort())).sort();
  for (const r of rest) expect(view(r)).toEqual(view(first!));
}

describe('merge: two browsers', () => {
  it('an add on A appears on B, an edit on B appears on A, a delete propagates', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const acc = a.add('alice');
    a.sync(b);
    b.sync(a);
    expect(b.names()).toEqual(['alice']);

    b.edit(acc.id, { name: 'alice@work', notes: 'from B' });
    b.sync(a);
    a.sync(b);
    expect(a.local.get(acc.id)?.name).toBe('alice@work');
    expect(a.local.get(acc.id)?.notes).toBe('from B');

    a.remove(acc.id);
    a.sync(b);
    b.sync(a);
    expect(b.local.size).toBe(0);
    a.sync(b);
    expect(a.local.size).toBe(0);
    converged(a, b);
  });

  it('the same account edited on both before they sync keeps both versions, named after the other browser', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const acc = a.add('alice');
    a.sync(b);
    b.sync(a);
    a.edit(acc.id, { notes: 'edited on A' });
    b.edit(acc.id, { notes: 'edited on B' });
    a.sync(b);
    b.sync(a);
    a.sync(b);
    b.sync(a);
    converged(a, b);
    const notes = [...a.local.values()].map((x) => x.notes).sort();
    expect(notes).toEqual(['edited on A', 'edited on B']);
    const copy = [...a.local.values()].find((x) => x.id !== acc.id)!;
    expect(copy.name).toMatch(/^alice \(conflict from Browser [AB]\)$/);
    expect(a.conflicts + b.conflicts).toBeGreaterThanOrEqual(1);
  });

  it('both publishing at the same moment (neither saw the other) still keeps both edits', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const acc = a.add('alice');
    a.sync(b);
    b.sync(a);
    a.edit(acc.id, { notes: 'A' });
    b.edit(acc.id, { notes: 'B' });
    a.sync(b); // reads B's old state
    b.sync(); // B publishes without having read A
    a.sync(b);
    b.sync(a);
    a.sync(b);
    converged(a, b);
    expect([...a.local.values()].map((x) => x.notes).sort()).toEqual(['A', 'B']);
  });

  it('a delete on one browser and an edit on the other: the edit is kept', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const acc = a.add('alice');
    a.sync(b);
    b.sync(a);
    a.remove(acc.id);
    b.edit(acc.id, { notes: 'still needed' });
    a.sync(b);
    b.sync(a);
    a.sync(b);
    converged(a, b);
    expect([...a.local.values()].map((x) => x.notes)).toEqual(['still needed']);
  });

  it('both deleting the same account agree, and a replayed old state does not bring it back', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const acc = a.add('alice');
    a.sync(b);
    b.sync(a);
    const old = [...a.published];
    a.remove(acc.id);
    b.remove(acc.id);
    a.sync(b);
    b.sync(a);
    a.sync(b, old);
    b.sync(a, old);
    expect(a.local.size + b.local.size).toBe(0);
  });

  it('an edit replayed from an older state never overwrites a newer one', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const acc = a.add('alice');
    a.sync(b);
    const old = [...a.published];
    a.edit(acc.id, { notes: 'newer' });
    a.sync(b);
    b.sync(a, old);
    expect(b.local.get(acc.id)?.notes).toBe('newer');
    a.sync(b, old);
    expect(a.local.get(acc.id)?.notes).toBe('newer');
    expect(a.local.size).toBe(1);
  });

  it('remote versions in any order and duplicated give the same result', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const c = new Replica('C');
    for (let i = 0; i < 5; i++) a.add(`a${i}`);
    for (let i = 0; i < 5; i++) b.add(`b${i}`);
    a.sync();
    b.sync();
    const first = [...a.published, ...b.published];
    const shuffled = [...first].reverse();
    const c2 = new Replica('C');
    c.sync(first, first);
    c2.sync(shuffled, [...shuffled.slice(3), ...shuffled.slice(0, 3)], b.published);
    expect(c.names()).toEqual(c2.names());
    expect(c.names()).toHaveLength(10);
  });

  it('reorders and HOTP counters merge without conflict copies', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const x = a.add('x');
    const y = a.add('y');
    a.edit(x.id, { type: 'hotp', counter: 3 });
    a.sync(b);
    b.sync(a);
    a.edit(x.id, { order: 1, counter: 5 });
    a.edit(y.id, { order: 0 });
    b.edit(x.id, { counter: 7 });
    a.sync(b);
    b.sync(a);
    a.sync(b);
    converged(a, b);
    expect(a.local.size).toBe(2);
    expect(a.local.get(x.id)?.counter).toBe(7);
  });

  it('a shared store (storage.sync): last writer wins on the store, yet no browser loses an edit', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    let shared: RecordVersion[] = [];
    const round = (r: Replica) => {
      r.sync(shared);
      shared = r.published;
    };
    const acc = a.add('alice');
    round(a);
    round(b);
    a.edit(acc.id, { notes: 'A' });
    b.add('bob');
    b.edit(acc.id, { notes: 'B' });
    // A reads, then B reads the same old store, then both write: B overwrites A's write.
    const snapshot = shared;
    a.sync(snapshot);
    b.sync(snapshot);
    shared = b.published;
    round(a);
    round(b);
    round(a);
    converged(a, b);
    expect(a.names()).toHaveLength(3);
    expect(a.names()).toContain('bob');
    expect(a.names().filter((n) => /^alice \(conflict from Browser [AB]\)$/.test(n))).toHaveLength(1);
    expect([...a.local.values()].map((x) => x.notes).filter(Boolean).sort()).toEqual(['A', 'B']);
  });

  it('random operations on three browsers in random sync orders converge to the same accounts, and an edit nobody else saw is never lost', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let trial = 0; trial < 60; trial++) {
      const replicas = [new Replica('A'), new Replica('B'), new Replica('C')];
      for (let step = 0; step < 30; step++) {
        const r = replicas[rand(3)]!;
        const ids = [...r.local.keys()];
        const op = rand(5);
        if (op === 0 || ids.length === 0) r.add(`n${step}`, `SECRET${step}`);
        else if (op === 1) {
          const note = `t${trial}s${step}`;
          r.edit(ids[rand(ids.length)]!, { notes: note });
        } else if (op === 2 && rand(3) === 0) r.remove(ids[rand(ids.length)]!);
        else {
          const others = replicas.filter((o) => o !== r && rand(2) === 0);
          r.sync(...others);
        }
      }
      // The latest unsynced edit of each browser must survive the final rounds (as itself or a conflict copy).
      const pending = replicas.flatMap((r) => [...r.local.values()].filter((a) => r.base.get(a.id)?.account?.notes !== a.notes).map((a) => a.notes));
      for (let i = 0; i < 3; i++) for (const r of replicas) r.sync(...replicas.filter((o) => o !== r));
      converged(...replicas);
      const notes = new Set([...replicas[0]!.local.values()].map((a) => a.notes));
      for (const note of pending) expect(notes.has(note)).toBe(true);
      for (const r of replicas) for (const v of r.base.values()) expect(vvLeq(v.vv, v.vv)).toBe(true);
    }
  });
});

describe('merge: account icons are decoration', () => {
  const ICON = { kind: 'image' as const, mime: 'image/png' as const, data: 'iVBORw0KGgo=' };

  it('an icon kept on one browser makes no new version and no conflict; it travels with the next real change', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const acc = a.add('alice');
    a.sync(b);
    b.sync(a);
    const published = a.published.map((v) => JSON.stringify(v.vv));
    a.edit(acc.id, { icon: ICON });
    a.sync(b);
    expect(a.published.map((v) => JSON.stringify(v.vv))).toEqual(published);
    a.edit(acc.id, { notes: 'desk drawer' });
    a.sync(b);
    b.sync(a);
    expect(b.local.get(acc.id)?.icon).toEqual(ICON);
    expect(a.conflicts + b.conflicts).toBe(0);
  });

  it('a version that comes without an icon (browser sync leaves icons out) keeps the icon this browser has', () => {
    const a = new Replica('A');
    const b = new Replica('B');
    const acc = a.add('alice');
    a.edit(acc.id, { icon: ICON });
    a.sync(b);
    b.sync(a.published.map((v) => (v.account ? { ...v, account: { ...v.account, icon: undefined } } : v)));
    b.edit(acc.id, { notes: 'from B' });
    b.sync(a);
    a.sync(b.published.map((v) => (v.account ? { ...v, account: { ...v.account, icon: undefined } } : v)));
    expect(a.local.get(acc.id)?.notes).toBe('from B');
    expect(a.local.get(acc.id)?.icon).toEqual(ICON);
  });
});
