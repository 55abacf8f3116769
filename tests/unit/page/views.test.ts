// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { viewKey, watchViews } from '@/lib/page/views';
import { NOTHING_LIVE, trackAttachments, type Attachments } from '../support/attachments';

let tracked: Attachments | null = null;
afterEach(() => tracked?.restore());

describe('viewKey: what counts as another view of a single-page app', () => {
  it('another path or query is another view; an in-page anchor is not; a #/ or #! route is', () => {
    expect(viewKey('https://a.example/setup#step')).toBe('https://a.example/setup');
    expect(viewKey('https://a.example/setup')).not.toBe(viewKey('https://a.example/done'));
    expect(viewKey('https://a.example/?tab=2')).not.toBe(viewKey('https://a.example/?tab=3'));
    expect(viewKey('https://a.example/#/setup')).not.toBe(viewKey('https://a.example/#/signin'));
    expect(viewKey('https://a.example/#!/setup')).not.toBe(viewKey('https://a.example/#!/signin'));
  });
});

describe('watchViews', () => {
  it('ends a view when the app pushes another URL (seen at the next check) or goes back (popstate)', () => {
    history.replaceState(null, '', '/first');
    const lifetime = new AbortController();
    const views: AbortSignal[] = [];
    const watcher = watchViews(lifetime.signal, (view) => views.push(view));
    expect(views).toHaveLength(1);
    watcher.check(); // nothing changed
    expect(views).toHaveLength(1);
    history.pushState(null, '', '/second');
    watcher.check();
    expect(views.map((v) => v.aborted)).toEqual([true, false]);
    history.pushState(null, '', '/second#details'); // an anchor: same view
    watcher.check();
    expect(views).toHaveLength(2);
    history.replaceState(null, '', '/first');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(views.map((v) => v.aborted)).toEqual([true, true, false]);
  });

  it('a #/ route change is seen by hashchange', () => {
    history.replaceState(null, '', '/app#/setup');
    const views: AbortSignal[] = [];
    watchViews(new AbortController().signal, (view) => views.push(view));
    history.replaceState(null, '', '/app#/done');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(views.map((v) => v.aborted)).toEqual([true, false]);
  });

  it('when the lifetime ends: the current view ends, its listeners are gone, and no new view starts', () => {
    tracked = trackAttachments();
    history.replaceState(null, '', '/one');
    const lifetime = new AbortController();
    const views: AbortSignal[] = [];
    const watcher = watchViews(lifetime.signal, (view) => views.push(view));
    expect(tracked.live().listeners).toEqual(expect.arrayContaining(['window popstate', 'window hashchange']));
    lifetime.abort();
    expect(views[0]!.aborted).toBe(true);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
    history.pushState(null, '', '/two');
    watcher.check();
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(views).toHaveLength(1);
  });

  it('stillConnected false (the extension is gone) stops looking for views', () => {
    history.replaceState(null, '', '/a');
    let connected = true;
    const views: AbortSignal[] = [];
    const watcher = watchViews(new AbortController().signal, (view) => views.push(view), () => connected);
    connected = false;
    history.pushState(null, '', '/b');
    watcher.check();
    expect(views).toHaveLength(1);
  });
});
