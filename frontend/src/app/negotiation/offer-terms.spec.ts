import { someTerms } from './offer-thread.fixtures';
import { changedTerms, formatTerm } from './offer-terms';

describe('offer terms', () => {
  it('marks nothing as changed on the first revision', () => {
    expect([...changedTerms(null, someTerms())]).toEqual([]);
  });

  it('finds exactly the terms a counter-offer changed', () => {
    const before = someTerms();
    const after = someTerms({
      fee: { amount: '1500.00', currency: 'USD' },
      roseAllowance: 8000,
      deliverables: 'Three streams with a pinned code', // same text
    });
    expect([...changedTerms(before, after)].sort()).toEqual(['fee', 'roseAllowance']);
  });

  it('compares fees as decimals and dates as instants', () => {
    const before = someTerms({ startsAt: '2026-12-01T10:00:00Z' });
    const after = someTerms({
      fee: { amount: '1200', currency: 'USD' },
      startsAt: '2026-12-01T10:00:00.000Z',
    });
    expect(changedTerms(before, after).size).toBe(0);
    expect([...changedTerms(someTerms(), someTerms({ couponDiscountPercent: null }))]).toEqual([
      'couponDiscountPercent',
    ]);
  });

  it('reads terms the way people say them', () => {
    const terms = someTerms({ streamCount: 1, couponDiscountPercent: null, deliverables: ' ' });
    expect(formatTerm(terms, 'fee')).toBe('$1,200.00');
    expect(formatTerm(terms, 'streamCount')).toBe('1 stream');
    expect(formatTerm(terms, 'roseAllowance')).toBe('5,000 roses');
    expect(formatTerm(terms, 'couponDiscountPercent')).toBe('None');
    expect(formatTerm(terms, 'deliverables')).toBe('Not specified');
    expect(formatTerm(terms, 'endsAt')).toBe('Open');
  });
});
