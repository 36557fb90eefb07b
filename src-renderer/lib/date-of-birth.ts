/**
 * The date of birth is typed as three numeric fields (day, month, year), the pattern that works
 * best on touch screens and with screen readers (GOV.UK "memorable date"). Main owns validation;
 * this file only joins the parts into the contract's `YYYY-MM-DD` and formats main's answer.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** `''` when nothing was typed (main answers `required`), else `YYYY-MM-DD` as typed. */
export function joinDateParts(parts: DateParts): string {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') {
    return '';
  }
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A `YYYY-MM-DD` date as words in the kiosk's locale ("27 March 1985"); as given if not a date. */
export function formatDateOfBirth(isoDate: string, locale: string): string {
  const parsed = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) {
    return isoDate;
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(parsed);
}
