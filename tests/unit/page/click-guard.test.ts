import { describe, expect, it } from 'vitest';
import { distortion, harmlessTransform, Steadiness, STEADY_MS } from '@/lib/page/click-guard';

/** A computed style as getComputedStyle gives it for an untouched element, with some properties changed. */
const style = (changed: Record<string, string> = {}) => {
  const computed: Record<string, string> = {
    opacity: '1',
    filter: 'none',
    'clip-path': 'none',
    'mask-image': 'none',
    '-webkit-mask-image': 'none',
    'mix-blend-mode': 'normal',
    transform: 'none',
    ...changed,
  };
  return (property: string) => computed[property] ?? '';
};

describe('distortion: what about an ancestor could hide or disguise our element', () => {
  it('nothing, for an untouched element', () => {
    expect(distortion(style())).toBeNull();
  });

  it.each([
    ['opacity', { opacity: '0.01' }],
    ['opacity', { opacity: '0.99' }],
    ['opacity', { opacity: '0' }],
    ['filter', { filter: 'opacity(0.1)' }],
    ['filter', { filter: 'blur(8px)' }],
    ['clip-path', { 'clip-path': 'circle(3px at 10px 10px)' }],
    ['clip-path', { 'clip-path': 'inset(0px 0px 99%)' }],
    ['mask-image', { 'mask-image': 'linear-gradient(transparent, transparent)' }],
    ['-webkit-mask-image', { '-webkit-mask-image': 'url("x.png")' }],
    ['mix-blend-mode', { 'mix-blend-mode': 'multiply' }],
    ['transform', { transform: 'matrix(0.05, 0, 0, 0.05, 0, 0)' }],
    ['transform', { transform: 'matrix(-1, 0, 0, 1, 0, 0)' }],
    ['transform', { transform: 'matrix3d(1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1)' }],
  ])('%s: %o', (expected, changed) => {
    expect(distortion(style(changed))).toBe(expected);
  });

  it('a move or an enlargement is harmless (modals are centred with translate(-50%, -50%))', () => {
    expect(harmlessTransform('matrix(1, 0, 0, 1, -210, -120.5)')).toBe(true);
    expect(harmlessTransform('matrix(1.5, 0, 0, 1.5, 0, 0)')).toBe(true);
    expect(harmlessTransform('none')).toBe(true);
    expect(harmlessTransform('matrix(1, 0.2, 0, 1, 0, 0)')).toBe(false); // skewed
    expect(harmlessTransform('matrix(2, 0, 0, 0.1, 0, 0)')).toBe(false); // squashed
  });
});

describe('Steadiness: a click counts once the element has been in plain view and still for STEADY_MS', () => {
  it('not before it was ever seen', () => {
    const state = new Steadiness();
    expect(state.visible).toBe(false);
    expect(state.readyAt()).toBeNull();
    expect(state.ready(10_000)).toBe(false);
  });

  it('from STEADY_MS after it became visible', () => {
    const state = new Steadiness();
    state.seen(true, 1000);
    expect(state.ready(1000 + STEADY_MS - 1)).toBe(false);
    expect(state.ready(1000 + STEADY_MS)).toBe(true);
    // Further reports that it is still visible do not restart the wait.
    state.seen(true, 1400);
    expect(state.ready(1000 + STEADY_MS)).toBe(true);
  });

  it('hidden, then shown again: the wait starts again', () => {
    const state = new Steadiness();
    state.seen(true, 0);
    state.seen(false, 2000);
    expect(state.ready(2100)).toBe(false);
    state.seen(true, 2200);
    expect(state.ready(2200 + STEADY_MS - 1)).toBe(false);
    expect(state.ready(2200 + STEADY_MS)).toBe(true);
  });

  it('a move (the page sliding it under the pointer, or a scroll) restarts the wait; a hidden one stays hidden', () => {
    const state = new Steadiness();
    state.seen(true, 0);
    expect(state.ready(5000)).toBe(true);
    state.moved(5000);
    expect(state.ready(5000 + STEADY_MS - 1)).toBe(false);
    expect(state.readyAt()).toBe(5000 + STEADY_MS);
    const hidden = new Steadiness();
    hidden.moved(100);
    expect(hidden.visible).toBe(false);
  });
});
