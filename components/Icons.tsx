import type { JSX } from 'preact';

/**
 * One icon family for every page: 16×16 line drawings in the text colour, drawn inline (no emoji, no
 * font glyphs that differ per system). Decorative: the button around an icon carries the name.
 */
const PATHS = {
  plus: 'M8 3v10M3 8h10',
  scan: 'M1.5 5V1.5H5M11 1.5h3.5V5M14.5 11v3.5H11M5 14.5H1.5V11M4.5 8h7',
  settings: 'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM8 1v2M8 13v2M1 8h2M13 8h2M3.05 3.05l1.41 1.41M11.54 11.54l1.41 1.41M3.05 12.95l1.41-1.41M11.54 4.46l1.41-1.41',
  lock: 'M4 7V5a4 4 0 0 1 8 0v2M3 7h10v7H3zM8 10v1.5',
  more: 'M3 8h.01M8 8h.01M13 8h.01',
  next: 'M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2v3.5H10',
  pin: 'M6 1.5h4M7 1.5v4L4.5 8.5h7L9 5.5v-4M8 8.5V14.5',
  up: 'M8 13V3M3.5 7.5 8 3l4.5 4.5',
  down: 'M8 3v10M3.5 8.5 8 13l4.5-4.5',
  edit: 'M10.5 2.5l3 3L6 13H3v-3zM9 4l3 3',
  close: 'M3.5 3.5l9 9M12.5 3.5l-9 9',
  trash: 'M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.5 6.5v4.5M9.5 6.5v4.5',
  eye: 'M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5zM8 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
  eyeOff: 'M2 2l12 12M6.6 3.2A7.6 7.6 0 0 1 8 3c4.5 0 7 5 7 5a12.8 12.8 0 0 1-1.9 2.6M4.2 4.3C2.2 5.6 1 8 1 8s2.5 5 7 5a6.9 6.9 0 0 0 3.3-.8M6.6 6.6a2 2 0 0 0 2.8 2.8',
  qr: 'M2 2h4.5v4.5H2zM9.5 2H14v4.5H9.5zM2 9.5h4.5V14H2zM9.5 9.5h2v2M14 9.5v4.5h-4.5M11.5 14v-1',
  key: 'M10 1.5a4.5 4.5 0 1 1-4.1 6.4L1.5 12.3v2.2h2.2l.8-.8V12h1.7v-1.7h1.7l.8-.8A4.5 4.5 0 0 1 10 1.5zM11 4.5h.01',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, ...rest }: { name: IconName } & JSX.SVGAttributes<SVGSVGElement>) {
  return (
    <svg class="icon-svg" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" fill="none"
      stroke="currentColor" stroke-width={name === 'more' ? 2.6 : 1.5} stroke-linecap="round" stroke-linejoin="round" {...rest}>
      <path d={PATHS[name]} />
    </svg>
  );
}
