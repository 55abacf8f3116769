import { afterEach, describe, expect, it, vi } from 'vitest';
import { importBackup, IMPORTERS } from '@/lib/formats';
import { readImportFile } from '@/lib/formats/read';
import type { ImportInput } from '@/lib/formats/types';
import { fixture } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readImportFile: a file read once', () => {
  it('gives the bytes, their UTF-8 text without a byte-order mark, and the JSON of a JSON text', () => {
    const input = readImportFile({ bytes: encode('\uFEFF {"a": [1]} '), fileName: 'x.json' });
    expect(input.text).toBe(' {"a": [1]} ');
    expect(input.json).toEqual({ a: [1] });
    expect(input.androidPrefs).toBeNull();
    expect(input.fileName).toBe('x.json');
  });

  it('text that is not JSON has no json; bytes that are not UTF-8 have neither', () => {
    expect(readImportFile({ bytes: encode('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP') }).json).toBeUndefined();
    expect(readImportFile({ bytes: encode('{not json') }).json).toBeUndefined();
    const binary = readImportFile({ bytes: Uint8Array.of(0xff, 0xfe, 0x00, 0x7b) });
    expect(binary.text).toBeNull();
    expect(binary.json).toBeUndefined();
  });

  it('reads Android shared preferences once, with entities decoded', () => {
    const xml = `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n  <string name="a">x &amp; y</string>\n  <int name="n" value="3" />\n</map>\n`;
    const prefs = readImportFile({ bytes: encode(xml) }).androidPrefs;
    expect(prefs && Object.fromEntries(prefs)).toEqual({ a: 'x & y', n: '3' });
  });

  it('answers an input that was already read unchanged', () => {
    const input = readImportFile({ bytes: encode('[]') });
    expect(readImportFile(input)).toBe(input);
  });
});

describe('importBackup reads the file once for every importer', () => {
  it('hands the same read input to every detect and to read, and parses the JSON once', async () => {
    const seen = new Set<ImportInput>();
    for (const importer of IMPORTERS) {
      const detect = importer.detect.bind(importer);
      const read = importer.read.bind(importer);
      vi.spyOn(importer, 'detect').mockImplementation((input) => (seen.add(input), detect(input)));
      vi.spyOn(importer, 'read').mockImplementation((input, password) => (seen.add(input), read(input, password)));
    }
    const parse = vi.spyOn(JSON, 'parse');
    const result = await importBackup({ bytes: fixture('aegis_plain.json') });
    expect(result.accounts.length).toBeGreaterThan(0);
    expect(seen.size).toBe(1);
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
