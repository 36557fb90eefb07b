/** The staff strings, the module i18n.ts's `loadStaffStrings()` fetches as a chunk of its own. */
import strings from '../locales/en-staff.json';

export default strings;
