import { describe, expect, it } from 'vitest';
import { countWords, secondsUntil, warningDelayMs } from './idle-timer';

describe('countWords', () => {
  it('counts words, not punctuation, symbols or spaces', () => {
    expect(countWords('  Side effects — and safety:  ')).toBe(4);
    expect(countWords('Step 12 of 20 → Next')).toBe(5);
    expect(countWords('')).toBe(0);
    expect(countWords('✓ ← →')).toBe(0);
  });

  it('keeps a word with an apostrophe or a hyphen whole, in any script', () => {
    expect(countWords("I'm still here, don’t worry: a well-known step")).toBe(8);
    expect(countWords('Sí, la ansiedad según el médico')).toBe(6);
  });
});

describe('warningDelayMs', () => {
  const configured = 90_000;

  it('gives a short screen the configured time, and never less', () => {
    expect(warningDelayMs(0, configured)).toBe(configured);
    expect(warningDelayMs(40, configured)).toBe(configured);
    // 30 s + 100 × 0.6 s is exactly the configured 90 s.
    expect(warningDelayMs(100, configured)).toBe(configured);
  });

  it('adds 0.6 s a word (100 words a minute) past that, at the shipped 90 s', () => {
    expect(warningDelayMs(150, configured)).toBe(120_000);
    expect(warningDelayMs(250, configured)).toBe(180_000);
    expect(warningDelayMs(251, configured) - warningDelayMs(250, configured)).toBe(600);
  });

  it('stops at four times the configured time, however long the screen', () => {
    expect(warningDelayMs(550, configured)).toBe(360_000);
    expect(warningDelayMs(5000, configured)).toBe(360_000);
  });

  it('scales with the configured time, so short test timings keep the same shape', () => {
    expect(warningDelayMs(250, 1500)).toBe(3000);
    expect(warningDelayMs(30, 1500)).toBe(1500);
  });

  it('treats a nonsense negative count as an empty screen', () => {
    expect(warningDelayMs(-10, configured)).toBe(configured);
  });
});

describe('secondsUntil', () => {
  it('rounds up to whole seconds and never goes below zero', () => {
    expect(secondsUntil(10_000, 8_001)).toBe(2);
    expect(secondsUntil(10_000, 12_000)).toBe(0);
  });
});
