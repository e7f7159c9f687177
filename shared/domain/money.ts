import { z } from 'zod';

/** The floor's currency when FLOORBOARD_CURRENCY is not set. */
export const DEFAULT_CURRENCY = 'CNY';

/** True for an ISO 4217 code this runtime's Intl knows (CNY, USD, EUR…). */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    return Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}

/** An ISO 4217 currency code: three capital letters. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY or USD');
