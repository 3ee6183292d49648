import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { nextOperation } from '../../../testing/graphql-testing';
import { CreatorEarningsStore, Deal, monthOf, totalsByCurrency } from './creator-earnings-store';

function aDeal(
  id: string,
  amount: string,
  acceptedAt: string,
  currency = 'USD',
  status: Deal['campaign']['status'] = 'ACTIVE',
): Deal {
  return {
    id,
    acceptedAt,
    createdAt: acceptedAt,
    currentTerms: { fee: { amount, currency }, streamCount: 3, roseAllowance: 1000 },
    campaign: { id: `c-${id}`, name: `Campaign ${id}`, status, brand: { id: 'b', name: 'Bloom Cosmetics' } },
  };
}

describe('CreatorEarningsStore', () => {
  let store: CreatorEarningsStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [CreatorEarningsStore] });
    store = TestBed.inject(CreatorEarningsStore);
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  it('adds fees exactly, per currency, largest first', () => {
    const totals = totalsByCurrency([
      { amount: '0.10', currency: 'USD' },
      { amount: '0.20', currency: 'USD' },
      { amount: '5', currency: 'EUR' },
      { amount: '1000.05', currency: 'USD' },
    ]);
    expect(totals).toEqual([
      { amount: '1000.35', currency: 'USD' },
      { amount: '5.00', currency: 'EUR' },
    ]);
  });

  it('loads accepted offers and sums them: total, this month, per month for the chart', async () => {
    const now = new Date();
    const thisMonth = new Date(now.getFullYear(), now.getMonth(), 2, 12).toISOString();
    const lastMonth = new Date(now.getFullYear(), now.getMonth() - 1, 15, 12).toISOString();
    const longAgo = new Date(now.getFullYear() - 2, 0, 5).toISOString();
    const loading = store.load('creator-1');
    const op = await nextOperation('CreatorEarnings');
    expect(op.operation.variables).toEqual({ creatorId: 'creator-1' });
    op.flushData({
      offers: {
        totalCount: 5,
        nodes: [
          aDeal('a', '750.00', thisMonth),
          aDeal('b', '600.10', thisMonth, 'USD', 'COMPLETED'),
          aDeal('c', '850.00', lastMonth),
          aDeal('d', '99.99', longAgo),
          aDeal('e', '300.00', lastMonth, 'EUR'),
        ],
      },
    });
    await loading;

    expect(store.deals().map((d) => d.id)).toEqual(['a', 'b', 'c', 'e', 'd']);
    expect(store.totals()).toEqual([
      { amount: '2300.09', currency: 'USD' },
      { amount: '300.00', currency: 'EUR' },
    ]);
    expect(store.mainCurrency()).toBe('USD');
    expect(store.thisMonth()).toEqual({ amount: '1350.10', currency: 'USD' });
    expect(store.streamsOwed()).toBe(12); // four deals in running campaigns, three streams each

    const months = store.byMonth();
    expect(months).toHaveLength(12);
    expect(months.at(-1)).toEqual({
      month: monthOf(thisMonth),
      fees: { amount: '1350.10', currency: 'USD' },
    });
    expect(months.at(-2)).toEqual({ month: monthOf(lastMonth), fees: { amount: '850.00', currency: 'USD' } });
    expect(months[0].fees.amount).toBe('0.00');
  });
});
