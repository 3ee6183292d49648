import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { button, text } from '../../../testing/dom';
import { nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { aBrandRow } from '../agency.fixtures';
import { AgencyOverviewPage } from './agency-overview-page';
import { BrandRow, periodStart } from './agency-overview-store';

@Component({ template: '' })
class Elsewhere {}

describe('AgencyOverviewPage', () => {
  let fixture: ComponentFixture<AgencyOverviewPage>;
  let controller: ApolloTestingController;

  const bloom = aBrandRow('b-1', 'Bloom Cosmetics', '1500.00', '4200.00', 1.8);
  const nova = aBrandRow('b-2', 'Nova Sneakers', '9000.00', '4500.00', -0.5);

  async function open(brands: BrandRow[], managed = brands.map((row) => row.brand)): Promise<void> {
    TestBed.configureTestingModule({
      imports: [AgencyOverviewPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([{ path: '**', component: Elsewhere }]),
        {
          provide: OrganizationStore,
          useValue: organizationStoreWith(
            anOrganization({ id: 'agency-1', kind: 'AGENCY', name: 'Stellar Agency' }),
          ),
        },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(AgencyOverviewPage);
    fixture.detectChanges();
    const op = await nextOperation('AgencyOverview');
    expect(op.operation.variables['agencyId']).toBe('agency-1');
    op.flushData(answer(brands, managed));
    await stable();
  }

  function answer(brands: BrandRow[], managed: { id: string; name: string }[]) {
    return {
      organization: { id: 'agency-1', managedBrands: managed.map((b) => ({ ...b, slug: b.id })) },
      agencyOverview: {
        brands,
        totals: brands.length
          ? [
              {
                activeCampaigns: 2,
                spend: { amount: '10500.00', currency: 'USD' },
                attributedRevenue: { amount: '8700.00', currency: 'USD' },
                roi: -0.1714,
              },
            ]
          : [],
      },
    };
  }

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => controller.verify());

  const page = (): HTMLElement => fixture.nativeElement;
  const rows = () => [...page().querySelectorAll<HTMLElement>('tbody tr')].map(text);

  it('compares granted brands in a table, highest spend first, with totals and a chart', async () => {
    await open([bloom, nova], [bloom.brand, nova.brand, { id: 'b-3', name: 'Petal Tea Co.' }]);
    expect(rows()[0]).toContain('Nova Sneakers');
    expect(rows()[0]).toContain('$9,000.00');
    expect(rows()[0]).toContain('-50%');
    expect(rows()[1]).toContain('Bloom Cosmetics');
    expect(rows()[1]).toContain('+180%');
    expect(rows()[2]).toContain('Petal Tea Co.');
    expect(rows()[2]).toContain('No campaigns yet');
    expect(page().querySelector('tbody a')?.getAttribute('href')).toBe('/app/agency/brands/b-2');

    const kpis = text(page().querySelector('.kpis'));
    expect(kpis).toContain('Spend $10,500.00');
    expect(kpis).toContain('ROI -17%');
    expect(text(page().querySelector('app-chart'))).toContain(
      'Bloom Cosmetics: spend $1,500.00, revenue $4,200.00, ROI +180%',
    );
  });

  it('asks again for the chosen period', async () => {
    await open([bloom]);
    button('All time', page()).click();
    const op = await nextOperation('AgencyOverview');
    expect(op.operation.variables).toEqual({ agencyId: 'agency-1', from: null });
    op.flushData(answer([bloom], [bloom.brand]));
    await stable();
    expect(text(page().querySelector('.kpis'))).toContain('All time');
  });

  it('tells an agency without brands how to get access', async () => {
    await open([], []);
    const empty = text(page().querySelector('app-empty-state'));
    expect(empty).toContain('No brand has granted you access yet');
    expect(empty).toContain('agency-1');
  });
});

describe('periodStart', () => {
  it('reaches back 30 or 90 days, to January 1st, or not at all', () => {
    const now = new Date(2026, 10, 24, 12);
    expect(periodStart('30d', now)).toBe(new Date(now.getTime() - 30 * 86_400_000).toISOString());
    expect(periodStart('year', now)).toBe(new Date(2026, 0, 1).toISOString());
    expect(periodStart('all', now)).toBeNull();
  });
});
