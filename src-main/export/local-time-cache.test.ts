import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localIsoTime } from '../../src-shared/clinic-time';
import { cachedLocalIsoTime } from './local-time-cache';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'UTC',
];

describe('cachedLocalIsoTime', () => {
  it('is exactly localIsoTime, across DST transitions and odd offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          const iso = new Date(ms).toISOString();
          expect(cachedLocalIsoTime(iso, zone)).toBe(localIsoTime(iso, zone));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('is exactly localIsoTime in the minutes around a transition, and for text that is not an instant', () => {
    // New York springs forward at 07:00 UTC on 9 March 2025 and falls back at 06:00 UTC on 2 November.
    for (const start of [Date.UTC(2025, 2, 9, 6, 30), Date.UTC(2025, 10, 2, 5, 30)]) {
      for (let ms = start; ms < start + 3_600_000; ms += 61_001) {
        const iso = new Date(ms).toISOString();
        expect(cachedLocalIsoTime(iso, 'America/New_York')).toBe(
          localIsoTime(iso, 'America/New_York'),
        );
      }
    }
    for (const text of ['', 'not a time', '2025-03-09T07:00:00Z', '2025-03-09']) {
      expect(cachedLocalIsoTime(text, 'America/New_York')).toBe(
        localIsoTime(text, 'America/New_York'),
      );
    }
  });
});
