/**
 * A phone number as a rep may see it on their own page: the 4 digits before the last 4 hidden
 * (`13812341234` -> `138****1234`, `+8613812341234` -> `+86138****1234`); a short number keeps its
 * last 2 digits only. Separators are dropped; text without digits is hidden whole. Pure.
 */
export function maskPhone(phone: string): string {
  const plus = phone.trimStart().startsWith('+') ? '+' : '';
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return '****';
  if (digits.length >= 8) return `${plus}${digits.slice(0, -8)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return `${plus}${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** Whether an id looks like a phone number (digits, an optional +, separators): then it is shown masked. */
export function looksLikePhone(value: string): boolean {
  return /^\+?[\d\s().-]{6,24}$/.test(value) && (value.match(/\d/g)?.length ?? 0) >= 6;
}
