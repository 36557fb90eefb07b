import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A fake safeStorage: "encrypts" by reversing the bytes behind a tag, so a round trip is checkable. */
const safeStorage = vi.hoisted(() => {
  const tag = Buffer.from('sealed:');
  return {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    encryptString: vi.fn((plain: string) =>
      Buffer.concat([tag, Buffer.from(plain, 'utf8').reverse()]),
    ),
    decryptString: vi.fn((sealed: Buffer) => {
      if (!sealed.subarray(0, tag.length).equals(tag)) {
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      }
      return Buffer.from(sealed.subarray(tag.length)).reverse().toString('utf8');
    }),
  };
});

vi.mock('electron', () => ({ safeStorage }));

const { createKeychainWrapper } = await import('./keychain');

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  vi.clearAllMocks();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  safeStorage.isEncryptionAvailable.mockReturnValue(true);
  safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
});

describe('createKeychainWrapper', () => {
  it.each(['basic_text', 'unknown'])('refuses the plaintext backend %s, saying why', (backend) => {
    safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
    expect(createKeychainWrapper('linux')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(backend));
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
  });

  it('returns no wrapper when encryption is unavailable, saying why', () => {
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    expect(createKeychainWrapper('darwin')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not available'));
  });

  it.each(['gnome_libsecret', 'kwallet5', 'kwallet6'])(
    'records the Linux backend %s and round-trips a key',
    (backend) => {
      safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
      const wrapper = createKeychainWrapper('linux');
      expect(wrapper?.backend).toBe(backend);
      const key = randomBytes(32);
      const wrapped = wrapper?.wrap(key);
      expect(wrapped).toBeInstanceOf(Buffer);
      expect(wrapped?.includes(key)).toBe(false);
      expect(wrapped?.includes(Buffer.from(key.toString('base64')))).toBe(false);
      expect(wrapped && wrapper?.unwrap(wrapped)).toEqual(key);
    },
  );

  it('records the platform name off Linux', () => {
    expect(createKeychainWrapper('darwin')?.backend).toBe('darwin');
    expect(createKeychainWrapper('win32')?.backend).toBe('win32');
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('throws on ciphertext the keychain cannot open', () => {
    const wrapper = createKeychainWrapper('linux');
    expect(() => wrapper?.unwrap(Buffer.from('tampered'))).toThrow();
  });

  it('throws when the keychain hands back something that is not a wrapped key', () => {
    const wrapper = createKeychainWrapper('linux');
    expect(() => wrapper?.unwrap(Buffer.from('sealed:!!not base64!!'))).toThrow(
      /not a wrapped key/,
    );
    expect(() => wrapper?.unwrap(Buffer.from('sealed:'))).toThrow(/not a wrapped key/);
  });
});
