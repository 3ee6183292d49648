import {
  addMoney,
  checkMoney,
  compareMoney,
  formatMoney,
  multiplyMoney,
  roundToCurrency,
  subtractMoney,
} from './money';
import { isCurrency, minorUnits } from './currencies';

describe('money', () => {
  it('knows ISO-4217 codes and their minor units', () => {
    expect(isCurrency('USD')).toBe(true);
    expect(isCurrency('usd')).toBe(false);
    expect(isCurrency('XXX')).toBe(false);
    expect(minorUnits('USD')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('KWD')).toBe(3);
    expect(() => minorUnits('ABC')).toThrow(RangeError);
  });

  it.each([
    [{ amount: '10.00', currency: 'USD' }, null],
    [{ amount: '10', currency: 'JPY' }, null],
    [{ amount: '10.5', currency: 'JPY' }, 'too many decimals for the currency'],
    [{ amount: '1.001', currency: 'USD' }, 'too many decimals for the currency'],
    [{ amount: '1.001', currency: 'KWD' }, null],
    [{ amount: '0', currency: 'USD' }, 'must be positive'],
    [{ amount: '-5', currency: 'USD' }, 'must be positive'],
    [{ amount: '1000000000001', currency: 'USD' }, 'too large'],
    [{ amount: '1e5', currency: 'USD' }, 'not a decimal number'],
    [{ amount: 12, currency: 'USD' }, 'not a decimal number'],
    [{ amount: 'NaN', currency: 'USD' }, 'not a decimal number'],
    [{ amount: '10', currency: 'ZZZ' }, 'unknown currency'],
  ])('checks %j', (value, problem) => {
    expect(checkMoney(value)).toBe(problem);
  });

  it('allows zero when asked', () => {
    expect(checkMoney({ amount: '0', currency: 'USD' }, { allowZero: true })).toBeNull();
    expect(checkMoney({ amount: '-0.01', currency: 'USD' }, { allowZero: true })).toBe(
      'must not be negative',
    );
  });

  it('does exact arithmetic without floats', () => {
    const a = { amount: '0.10', currency: 'USD' };
    const b = { amount: '0.20', currency: 'USD' };
    expect(addMoney(a, b)).toEqual({ amount: '0.30', currency: 'USD' });
    expect(subtractMoney(a, b)).toEqual({ amount: '-0.10', currency: 'USD' });
    expect(multiplyMoney({ amount: '0.01', currency: 'USD' }, 300)).toEqual({
      amount: '3.00',
      currency: 'USD',
    });
    expect(compareMoney(a, b)).toBe(-1);
    expect(() => addMoney(a, { amount: '1', currency: 'EUR' })).toThrow(/mismatch/);
  });

  it('rounds half-even to the currency minor unit', () => {
    expect(roundToCurrency('2.345', 'USD')).toBe('2.34');
    expect(roundToCurrency('2.355', 'USD')).toBe('2.36');
    expect(roundToCurrency('99.5', 'JPY')).toBe('100');
    expect(roundToCurrency('999999999999.99', 'USD')).toBe('999999999999.99');
  });

  it('formats for display', () => {
    expect(formatMoney({ amount: '1250.00', currency: 'USD' })).toBe('$1,250.00');
    expect(formatMoney({ amount: '1250', currency: 'JPY' })).toBe('¥1,250');
  });
});
