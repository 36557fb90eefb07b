/**
 * How the staff screens write sizes, counts, durations and hashes, in the kiosk's language
 * (`Intl`, so no strings of our own beyond the duration's words). Dates are `date-format.ts`'s.
 */
import { currentLocale, t } from './i18n';

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 123456789 → "118 MB": powers of 1024, as operating systems show free space. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(currentLocale(), {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** 1234 → "1,234". */
export function formatCount(count: number): string {
  return new Intl.NumberFormat(currentLocale()).format(count);
}

/** 125_400 ms → "2 min 5 s". */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? t('record.minutes', { minutes, seconds }) : t('record.seconds', { seconds });
}

/** `es` → "Spanish (es)": a language named in the kiosk's language, with its code. */
export function formatLanguage(locale: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([currentLocale()], { type: 'language' }).of(locale);
  } catch {
    name = undefined;
  }
  return name === undefined || name === locale ? locale : `${name} (${locale})`;
}

/** The first and last few characters of a hash, enough to compare by eye. */
export function shortHash(hex: string): string {
  return hex.length <= 16 ? hex : `${hex.slice(0, 8)}…${hex.slice(-8)}`;
}
