/**
 * The clinic's recovery key as people handle it: 32 characters of RFC 4648 base32 (A–Z, 2–7),
 * shown in 8 groups of 4 (`ABCD-EFGH-…-4567`). Main issues and checks the key; the renderer
 * only lays it out for writing down and tidies what staff type back in.
 * https://www.rfc-editor.org/rfc/rfc4648#section-6
 */

const GROUP_LENGTH = 4;
const COMPACT = /^[A-Z2-7]{32}$/;

/** The key's groups of four, for display. */
export function recoveryKeyGroups(key: string): string[] {
  const compact = key.replace(/-/g, '');
  const groups: string[] = [];
  for (let start = 0; start < compact.length; start += GROUP_LENGTH) {
    groups.push(compact.slice(start, start + GROUP_LENGTH));
  }
  return groups;
}

/**
 * What staff typed, in the form main issued: upper case, grouped with hyphens, whether they
 * typed the hyphens, spaces or neither. Anything that is not 32 base32 characters is passed on
 * trimmed, unchanged, for main to refuse with `invalid_recovery_key`.
 */
export function tidyRecoveryKey(typed: string): string {
  // Hyphens, the dashes a keyboard may substitute for them (U+2010–U+2015), and spaces.
  const compact = typed.toUpperCase().replace(/[\s\u2010-\u2015-]/g, '');
  return COMPACT.test(compact) ? recoveryKeyGroups(compact).join('-') : typed.trim();
}
