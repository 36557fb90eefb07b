import { z } from 'zod';
import type { ClinicInfo } from '../contract';
import { missingIsRequired, throwProblems, zodProblems } from './pack-error';
import { nonBlank } from './pack-schema';
import { readJsonFile } from './read-text-file';
import { isTimeZone } from '../../src-shared/clinic-time';

const clinicProfileSchema = z.strictObject({
  name: nonBlank(120),
  addressLines: z
    .array(nonBlank(120))
    .min(1, 'must have at least one line')
    .max(6, 'must have at most six lines'),
  hours: nonBlank(300),
  phone: nonBlank(40).optional(),
  email: z.email('must be an email address').max(254).optional(),
  // Checked by Intl itself, so a zone is accepted exactly when dates can be written in it.
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone this system knows, such as America/New_York'),
});

/**
 * Reads the clinic's profile (`resources/clinic/profile.json`): name, address and hours shown to
 * clients, and the time zone every date and time is written in. It is configuration, so the code never holds a clinic's name. Throws a `PackError`
 * naming the file (as given) and the field.
 */
export function loadClinicProfile(file: string): ClinicInfo {
  const raw = readJsonFile(file, file);
  const parsed = clinicProfileSchema.safeParse(raw, { error: missingIsRequired });
  if (!parsed.success) {
    throwProblems(file, zodProblems(parsed.error));
  }
  const { name, addressLines, hours, phone, email, timeZone } = parsed.data;
  // Built key by key: ClinicInfo's optional fields are absent, never `undefined`.
  return {
    name,
    addressLines,
    hours,
    timeZone,
    ...(phone === undefined ? {} : { phone }),
    ...(email === undefined ? {} : { email }),
  };
}
