// A common mistake of lesson 05: checking a format before trimming.
import { z } from 'zod';

// #region mistake
// The email check runs first and sees the spaces; .trim() comes too late.
export const emailCheckedFirst = z.email().trim().toLowerCase();
// #endregion mistake

// #region fix
// Trim and lowercase the string, then hand the result to the email check.
export const emailTrimmedFirst = z.string().trim().toLowerCase().pipe(z.email());
// #endregion fix
