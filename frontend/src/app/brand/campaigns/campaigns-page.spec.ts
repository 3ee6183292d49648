import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { button, text } from '../../../testing/dom';
import { nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { aCampaignSummary, usd } from '../brand.fixtures';
import { CampaignsPage } from './campaigns-page';

describe('CampaignsPage', () => {
  let fixture: ComponentFixture<CampaignsPage>;
  let controller: ApolloTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [CampaignsPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([]),
        { provide: OrganizationStore, useValue: organizationStoreWith(anOrganization({ id: 'brand-1' })) },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(CampaignsPage);
    fixture.detectChanges();
  });

  afterEach(() => controller.verify());

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  const page = (): HTMLElement => fixture.nativeElement;
  const answer = (nodes: unknown[], hasNextPage = false) => ({
    campaigns: { totalCount: nodes.length, pageInfo: { endCursor: 'c1', hasNextPage }, nodes },
  });

  it('lists each campaign with its status, budget use and return', async () => {
    const request = await nextOperation('BrandCampaigns');
    expect(request.operation.variables).toMatchObject({ brandId: 'brand-1', status: null });
    request.flushData(
      answer([
        aCampaignSummary(),
        aCampaignSummary({
          id: 'camp-2',
          name: 'Holiday Sparkle',
          status: 'DRAFT',
          spent: usd('0.00'),
          reserved: usd('0.00'),
          metrics: { roi: null, redemptions: 0, spend: usd('0.00'), attributedRevenue: usd('0.00') },
        }),
      ]),
    );
    await stable();
    const [spring, holiday] = [...page().querySelectorAll('tbody tr')].map(text);
    expect(spring).toContain('Spring Glow');
    expect(spring).toContain('Active');
    expect(spring).toContain('$23,000.00 left of $25,000.00');
    expect(spring).toContain('$1,500.00 spent · $500.00 reserved');
    expect(spring).toContain('$6,720.00');
    expect(spring).toContain('+348%');
    expect(holiday).toContain('Draft');
    expect(holiday).toContain('—'); // no ROI before any spend
  });

  it('asks the API again for one status, and says when none matches', async () => {
    (await nextOperation('BrandCampaigns')).flushData(answer([aCampaignSummary()]));
    await stable();
    button('Paused', page()).click();
    const filtered = await nextOperation('BrandCampaigns');
    expect(filtered.operation.variables).toMatchObject({ status: 'PAUSED' });
    filtered.flushData(answer([]));
    await stable();
    expect(text(page().querySelector('app-empty-state'))).toContain('No paused campaigns');
  });

  it('points a new brand to its first campaign', async () => {
    (await nextOperation('BrandCampaigns')).flushData(answer([]));
    await stable();
    expect(text(page().querySelector('app-empty-state'))).toContain('Start your first campaign');
    expect(button('Create a campaign', page()).getAttribute('href')).toBe('/new');
  });
});
