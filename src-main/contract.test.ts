/**
 * The contract's free text: every string the renderer may send is refused when it holds a lone
 * UTF-16 surrogate (what main stores and audits is canonical JSON, which cannot hold one), and
 * accepted when it holds a whole two-part character.
 */
import { describe, expect, it } from 'vitest';
import { channels, text } from './contract';

const SESSION = '4b0e5a8e-0f5e-4c55-9a43-2d1f6f0f3b7a';
const LONE = ['\uD800', '\uDFFF\uD800', 'Ana \uDC00 Ruiz'];

describe('free text in the contract', () => {
  it('refuses a lone surrogate anywhere in the string, with a reason', () => {
    for (const value of LONE) {
      const parsed = text(200).safeParse(value);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/well-formed text/);
    }
  });

  it('accepts text with whole two-part characters, and keeps its length limit', () => {
    expect(text(200).safeParse('Ana 𝒜 Ruiz 🙂').success).toBe(true);
    expect(text(3).safeParse('abcd').success).toBe(false);
  });

  it('guards every channel that takes free text', () => {
    const refused: [keyof typeof channels, Record<string, unknown>][] = [
      [
        'admin.addStaff',
        { name: '\uDFFF\uD800', passphrase: 'x'.repeat(20), confirm: 'x'.repeat(20) },
      ],
      ['admin.unlock', { passphrase: 'a\uD800' }],
      ['admin.auditLog', { actor: 'staff:\uD800' }],
      ['submissions.list', { query: '\uDC00' }],
      [
        'session.setIdentity',
        { sessionId: SESSION, fullName: 'Ana\uD800', dateOfBirth: '1990-01-01' },
      ],
      [
        'session.answerQuestionnaire',
        { sessionId: SESSION, stepId: 'intake', answers: { q1: '\uD800' } },
      ],
    ];
    for (const [channel, input] of refused) {
      expect(channels[channel].input.safeParse(input).success, channel).toBe(false);
      const whole: unknown = JSON.parse(
        JSON.stringify(input).replace(/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g, 'é'),
      );
      expect(channels[channel].input.safeParse(whole).success, `${channel} without it`).toBe(true);
    }
  });
});
