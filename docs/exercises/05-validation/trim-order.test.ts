import { expect, test } from 'vitest';
import { emailCheckedFirst, emailTrimmedFirst } from './trim-order.ts';

test('a format check before the trim refuses an address with spaces around it', () => {
  expect(emailCheckedFirst.safeParse(' Ada@Example.com ').success).toBe(false);
});

test('trimming first accepts it and stores it in one form', () => {
  expect(emailTrimmedFirst.parse(' Ada@Example.com ')).toBe('ada@example.com');
});
