import { describe, expect, it } from 'vitest';
import { looksLikePhone, maskPhone } from '../../../shared/domain/privacy';

describe('maskPhone()', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['+8613812341234', '+86138****1234'],
    ['138-1234-1234', '138****1234'],
    ['12345678', '****5678'],
    ['1234567', '*****67'],
    ['12', '**'],
    ['', '****'],
    ['no digits', '****'],
  ])('masks %j as %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('never shows the hidden digits of a mobile number', () => {
    const masked = maskPhone('13899990000');
    expect(masked).not.toContain('9999');
    expect(masked).toHaveLength(11);
  });
});

describe('looksLikePhone()', () => {
  it.each([
    ['13812341234', true],
    ['+86 138 1234 1234', true],
    ['crm:88231', false],
    ['12345', false],
    ['cust-13812341234', false],
  ])('%j -> %j', (value, expected) => {
    expect(looksLikePhone(value)).toBe(expected);
  });
});
