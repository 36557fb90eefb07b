import { describe, expect, it } from 'vitest';
import {
  extensionOf,
  hasMediaExtension,
  isPackPath,
  MEDIA_BASES,
  mediaUrl,
  parseMediaPath,
} from './media-path';

describe('isPackPath', () => {
  it('accepts plain relative paths inside the pack', () => {
    for (const path of ['intro.webm', 'media/intro.webm', 'media/en/intro_v2-final.mp4']) {
      expect(isPackPath(path), path).toBe(true);
    }
  });

  it('refuses anything that could leave the pack or name a file two ways', () => {
    for (const path of [
      '',
      '../secret.webm',
      'media/../../secret.webm',
      './media/a.webm',
      'media/./a.webm',
      '/etc/passwd',
      '//host/share/a.webm',
      'C:/videos/a.webm',
      'C:\\videos\\a.webm',
      'media\\a.webm',
      'https://example.com/a.webm',
      'media//a.webm',
      'media/a.webm/',
      'media/%2e%2e/a.webm',
      '.hidden/a.webm',
      'media/a b.webm',
      'media/a.webm?x=1',
      'media/a.webm#t=3',
      'a'.repeat(201),
    ]) {
      expect(isPackPath(path), path).toBe(false);
    }
  });
});

describe('media extensions', () => {
  it('reads the extension case-insensitively and knows each kind', () => {
    expect(extensionOf('media/Intro.WEBM')).toBe('.webm');
    expect(extensionOf('media/noext')).toBe('');
    expect(extensionOf('.webm')).toBe('');
    expect(hasMediaExtension('a.mp4', 'video')).toBe(true);
    expect(hasMediaExtension('a.mkv', 'video')).toBe(false);
    expect(hasMediaExtension('a.vtt', 'captions')).toBe(true);
    expect(hasMediaExtension('a.srt', 'captions')).toBe(false);
    expect(hasMediaExtension('a.svg', 'image')).toBe(false);
    expect(hasMediaExtension('a.jpeg', 'image')).toBe(true);
  });
});

describe('media URLs', () => {
  it('puts the pack id after the transport base, for either transport', () => {
    expect(mediaUrl(MEDIA_BASES.electron, 'pack', 'media/a.webm')).toBe(
      'kiosk-media://pack/media/a.webm',
    );
    expect(mediaUrl(MEDIA_BASES.preview, 'pack', 'media/a.webm')).toBe('/media/pack/media/a.webm');
  });

  it('parses them back, decoding once, and refuses what is not a pack path', () => {
    expect(parseMediaPath('pack/media/a.webm')).toEqual({ packId: 'pack', path: 'media/a.webm' });
    expect(parseMediaPath('/pack/media/a.webm')).toEqual({ packId: 'pack', path: 'media/a.webm' });
    expect(parseMediaPath('pack/media%2Fa.webm')).toEqual({ packId: 'pack', path: 'media/a.webm' });
    for (const bad of [
      'pack/../secret',
      'pack/%2e%2e/secret',
      'pack/media%2F..%2Fsecret',
      'pack/%ZZ',
      'pack/',
      'Pack/a.webm',
      '../pack/a.webm',
      'pack',
    ]) {
      expect(parseMediaPath(bad), bad).toBeUndefined();
    }
  });
});
