import { expect, test } from 'vitest';
import { coercedId, coercedLimit, strictId } from './coerce.ts';

// #region test
test('z.coerce.number() accepts ids no client meant to send', () => {
  expect(coercedId.parse('1e3')).toBe(1000);
  expect(coercedId.parse('0x10')).toBe(16);
  expect(coercedId.parse(' 7 ')).toBe(7);
  // ?limit= (an empty value) becomes 0, not the default of 20.
  expect(coercedLimit.parse('')).toBe(0);
});

test('checking the text before converting refuses them', () => {
  for (const input of ['1e3', '0x10', ' 7 ', '', '0', '-1', '1.5']) {
    expect(strictId.safeParse(input).success, input).toBe(false);
  }
  expect(strictId.parse('42')).toBe(42);
});
// #endregion test
