// A common mistake of lesson 05: z.coerce.number() for ids and page sizes.
import { z } from 'zod';

// #region mistake
// z.coerce.number() runs Number(input) and then checks the number.
// Number() is generous: Number('1e3') is 1000, Number('0x10') is 16,
// Number(' 7') is 7 and Number('') is 0.
export const coercedId = z.coerce.number().int().positive();
export const coercedLimit = z.coerce.number().int().min(0).max(100).default(20);
// #endregion mistake

// #region fix
// Check the text first, then convert: only plain decimal digits get through.
export const strictId = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, 'must be a positive whole number')
  .transform(Number);
// #endregion fix
