/**
 * The date of birth is typed as three numeric fields (day, month, year), the pattern that works
 * best on touch screens and with screen readers (GOV.UK "memorable date"). Main owns validation;
 * this file only joins the parts into the contract's `YYYY-MM-DD`.
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
