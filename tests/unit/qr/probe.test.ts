// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pageMayShowEnrolmentQr } from '@/lib/qr/probe';

describe('the cheap look before loading the decoder', () => {
  it.each([
    ['<h1>Set up two-factor authentication</h1>', true],
    ['<p>Scan this QR code with Google Authenticator</p>', true],
    ['<h2>Enable 2FA</h2>', true],
    ['<img src="/static/qr.png" alt="">', true],
    ['<canvas id="totp-canvas"></canvas>', true],
    ['<h1>Our menu</h1><img src="/pizza.jpg" alt="Pizza"><canvas id="chart"></canvas>', false],
    ['<p>Welcome to the blog</p>', false],
  ])('%s → %s', (html, expected) => {
    document.title = '';
    document.body.innerHTML = html;
    expect(pageMayShowEnrolmentQr(document)).toBe(expected);
  });
});
