import { describe, expect, it } from 'vitest';
import { checkNewPassphrase, checkStaffName } from './passphrase-policy';

describe('checkNewPassphrase', () => {
  it.each(['short', 'elevenchars', 'ünïcödé123'])('refuses %j as too short', (passphrase) => {
    expect(checkNewPassphrase(passphrase, passphrase)).toEqual({ passphrase: 'too_short' });
  });

  it.each(['password1234', 'qwertyuiop123', '123456789012', 'iloveyou2024!', 'aaaaaaaaaaaaaaaa'])(
    'refuses the common or patterned %j',
    (passphrase) => {
      expect(checkNewPassphrase(passphrase, passphrase)).toEqual({ passphrase: 'too_common' });
    },
  );

  it("refuses a passphrase built from the person's own name and the clinic's", () => {
    expect(
      checkNewPassphrase('MargaretAwaken2024', 'MargaretAwaken2024', ['Margaret', 'Awaken']),
    ).toEqual({
      passphrase: 'too_common',
    });
  });

  it('judges the first 64 characters: a weak start is refused however strong the rest', () => {
    const weakStart = `${'1'.repeat(64)}Xk9#mQ2$vL7!pR4@wZ8&`;
    expect(checkNewPassphrase(weakStart, weakStart)).toEqual({ passphrase: 'too_common' });
    const strongStart = `correct horse battery staple ${'1'.repeat(960)}`;
    expect(checkNewPassphrase(strongStart, strongStart)).toBeUndefined();
  });

  it('accepts a long, uncommon passphrase, and then checks the confirmation', () => {
    expect(
      checkNewPassphrase('correct horse battery staple', 'correct horse battery staple'),
    ).toBeUndefined();
    expect(
      checkNewPassphrase('correct horse battery staple', 'correct horse battery stapler'),
    ).toEqual({
      confirm: 'mismatch',
    });
  });
});

describe('checkStaffName', () => {
  it('trims and folds white space, and refuses empty or overlong names', () => {
    expect(checkStaffName('  Dr   Jane  Roe ')).toEqual({ name: 'Dr Jane Roe' });
    expect(checkStaffName('   ')).toEqual({ error: 'required' });
    expect(checkStaffName('x'.repeat(81))).toEqual({ error: 'too_long' });
  });

  it("takes names as a client's are taken: suffixes and digits in, invisible characters out", () => {
    expect(checkStaffName('Dr. Jane Roe, MD 2nd')).toEqual({ name: 'Dr. Jane Roe, MD 2nd' });
    expect(checkStaffName('Jane \u202ERoe')).toEqual({ error: 'invisible_character' });
    expect(checkStaffName('Jane\u200BRoe')).toEqual({ error: 'invisible_character' });
  });
});
