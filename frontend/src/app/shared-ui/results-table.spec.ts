import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { text } from '../../testing/dom';
import { CREATOR_COUNT_COLUMNS, creatorResultRows, ResultsTable } from './results-table';

const usd = (amount: string) => ({ amount, currency: 'USD' });
const cells = (row: Element) => [...row.querySelectorAll('td')].map(text);

describe('results table', () => {
  async function render(inputs: Record<string, unknown>): Promise<HTMLElement> {
    TestBed.configureTestingModule({ imports: [ResultsTable], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(ResultsTable);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    return fixture.nativeElement;
  }

  it('shows creators with their counts, spend, revenue and ROI, coloured by sign, labelled for phones', async () => {
    const host = await render({
      subject: 'Creator',
      countColumns: CREATOR_COUNT_COLUMNS,
      rows: creatorResultRows([
        {
          creator: { id: 'c1', displayName: 'Cleo Rivera', handle: 'cleo' },
          metrics: {
            spend: usd('400'),
            attributedRevenue: usd('240'),
            roi: -0.4,
            claims: 12,
            redemptions: 3,
          },
        },
        {
          creator: { id: 'c2', displayName: 'Max Stone', handle: 'max' },
          metrics: { spend: usd('0'), attributedRevenue: usd('0'), roi: null, claims: 0, redemptions: 0 },
        },
      ]),
    });
    const headers = ['Creator', 'Claims', 'Redemptions', 'Spend', 'Revenue', 'ROI'];
    expect([...host.querySelectorAll('th')].map(text)).toEqual(headers);
    const rows = [...host.querySelectorAll('tbody tr')];
    expect(cells(rows[0])).toEqual(['Cleo Rivera @cleo', '12', '3', '$400.00', '$240.00', '-40%']);
    expect(cells(rows[1])).toEqual(['Max Stone @max', '0', '0', '$0.00', '$0.00', '—']);
    expect(rows[0].querySelector('.tone-negative')).not.toBeNull();
    // Each cell carries its column's header for the phone layout.
    expect([...rows[0].querySelectorAll('td')].map((td) => td.getAttribute('data-label'))).toEqual(headers);
  });

  it('links rows, ends them with the action, and says why a pending row has no figures', async () => {
    const host = await render({
      subject: 'Brand',
      action: 'Campaigns',
      countColumns: [{ key: 'active', label: 'Active campaigns' }],
      rows: [
        {
          id: 'b1',
          name: 'Maison Fleur',
          link: ['/app/agency/brands', 'b1'],
          spend: usd('400'),
          revenue: usd('1000'),
          roi: 1.5,
          counts: { active: 2 },
        },
      ],
      pending: [
        { id: 'b2', name: 'Petal Tea', link: ['/app/agency/brands', 'b2'], note: 'No campaigns yet' },
      ],
    });
    const [first, pending] = [...host.querySelectorAll('tbody tr')];
    expect(cells(first)).toEqual(['Maison Fleur', '2', '$400.00', '$1,000.00', '+150%', 'Campaigns']);
    expect(first.querySelector('a')?.getAttribute('href')).toBe('/app/agency/brands/b1');
    expect(first.querySelector('.actions a')?.getAttribute('aria-label')).toBe('Campaigns of Maison Fleur');
    expect(first.querySelector('.tone-positive')).not.toBeNull();
    expect(cells(pending)).toEqual(['Petal Tea', 'No campaigns yet', '']);
    expect(pending.querySelector('td.none')?.getAttribute('colspan')).toBe('4');
  });
});
