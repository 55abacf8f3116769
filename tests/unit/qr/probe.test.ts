// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pageMayShowEnrolmentQr } from '@/lib/qr/probe';

/** happy-dom has no layout: give elements the box a browser would. */
function withBox(selector: string, width: number, height: number, root: ParentNode = document) {
  for (const element of Array.from(root.querySelectorAll(selector))) {
    element.getBoundingClientRect = () => ({ width, height, top: 0, left: 0, right: width, bottom: height, x: 0, y: 0, toJSON: () => ({}) }) as DOMRect;
  }
}

describe('the cheap look before loading the decoder', () => {
  it.each([
    // Words alone decide nothing (in any language): there must be something that can be a QR code.
    ['<h1>Set up two-factor authentication</h1>', false],
    ['<p>Scan this QR code with Google Authenticator</p>', false],
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

describe('does not depend on the page language', () => {
  const qrSvg = `<svg viewBox="0 0 29 29">${Array.from({ length: 60 }, (_, i) => `<rect x="${i % 29}" y="${Math.floor(i / 29)}" width="1" height="1"/>`).join('')}</svg>`;
  it('a square many-shape SVG on a Japanese page, no English anywhere', () => {
    document.title = '二要素認証';
    document.body.innerHTML = `<h1>二要素認証の設定</h1><div>${qrSvg}</div>`;
    withBox('svg', 200, 200);
    expect(pageMayShowEnrolmentQr(document)).toBe(true);
  });
  it('the same SVG drawn as a 24 px icon, or as a wide banner, is not a candidate', () => {
    document.title = '';
    document.body.innerHTML = `<h1>Настройки</h1><div>${qrSvg}</div>`;
    withBox('svg', 24, 24);
    expect(pageMayShowEnrolmentQr(document)).toBe(false);
    withBox('svg', 600, 120);
    expect(pageMayShowEnrolmentQr(document)).toBe(false);
  });
  it('a square element with an inline CSS background image', () => {
    document.title = '';
    document.body.innerHTML = '<h1>Zwei-Faktor</h1><div class="x" style="background-image:url(/a.png);width:200px;height:200px"></div>';
    withBox('.x', 200, 200);
    expect(pageMayShowEnrolmentQr(document)).toBe(true);
  });
  it('a QR code drawn as a 25×25 table of cells', () => {
    document.title = '';
    document.body.innerHTML = `<table>${Array.from({ length: 25 }, () => `<tr>${'<td></td>'.repeat(25)}</tr>`).join('')}</table>`;
    withBox('table', 200, 200);
    expect(pageMayShowEnrolmentQr(document)).toBe(true);
  });
  it('inside an open shadow root it is given', () => {
    document.title = '';
    document.body.innerHTML = '<qr-card></qr-card>';
    const root = document.querySelector('qr-card')!.attachShadow({ mode: 'open' });
    root.innerHTML = `<div>${qrSvg}</div>`;
    withBox('svg', 180, 180, root);
    expect(pageMayShowEnrolmentQr(document)).toBe(false);
    expect(pageMayShowEnrolmentQr(document, [root])).toBe(true);
  });
});
