// Writes the QR images the enrolment attack tests use (committed; run again only to change them):
// node tests/e2e/site/make-qr.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';

const here = dirname(fileURLToPath(import.meta.url));
const images = {
  'victim-qr.png': 'otpauth://totp/Victim%20Bank:alice%40victim.example?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=Victim%20Bank',
  'attacker-qr.png': 'otpauth://totp/Evil%20Corp:mallory?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Evil%20Corp',
  // A malformed enrolment (4 digits): the offer says why, in the browser's language (i18n.spec.ts).
  'enrol-malformed-qr.png': 'otpauth://totp/Demo%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Demo%20Co&digits=4',
};
// A set-up page that shows a new QR every 100 ms cycles through these.
['GEZDGNBVA234567Q', 'GEZDGNBVB34567QR', 'GEZDGNBVC4567QRS', 'GEZDGNBVD567QRST', 'GEZDGNBVE67QRSTU'].forEach((secret, i) => {
  images[`rotating-${i}.png`] = `otpauth://totp/Rotator:user${i}?secret=${secret}&issuer=Rotator`;
});
for (const [file, text] of Object.entries(images)) await QRCode.toFile(join(here, file), text, { width: 240, margin: 4 });
