import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { button, find, text, type } from '../../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { usd } from '../brand.fixtures';
import { CreatorDiscoveryPage, toCreatorFilter } from './creator-discovery-page';
import type { DiscoveryCreator } from './creator-discovery-store';

const aria: DiscoveryCreator = {
  id: 'creator-1',
  handle: 'aria_lux',
  displayName: 'Aria Lux',
  bio: 'Beauty most evenings.',
  categories: ['beauty', 'fashion'],
  country: 'US',
  followerCount: 48_200,
  averageViewers: 900,
  rate: usd('450.00'),
};

describe('creator discovery', () => {
  it('turns the filters into the API filter, leaving out what is empty', () => {
    expect(
      toCreatorFilter({
        search: ' aria ',
        categories: ['beauty'],
        country: 'US',
        minFollowers: 10_000,
        maxRate: '1,000',
        currency: 'USD',
      }),
    ).toEqual({
      search: 'aria',
      categories: ['beauty'],
      country: 'US',
      minFollowers: 10_000,
      maxRate: { amount: '1000', currency: 'USD' },
    });
    expect(
      toCreatorFilter({
        search: '',
        categories: [],
        country: '',
        minFollowers: 0,
        maxRate: 'abc',
        currency: 'USD',
      }),
    ).toEqual({});
  });
});

describe('CreatorDiscoveryPage', () => {
  let fixture: ComponentFixture<CreatorDiscoveryPage>;
  let controller: ApolloTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CreatorDiscoveryPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([]),
        { provide: OrganizationStore, useValue: organizationStoreWith(anOrganization({ id: 'brand-1' })) },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(CreatorDiscoveryPage);
    fixture.componentRef.setInput('campaign', 'camp-1');
    fixture.detectChanges();
    const first = await nextOperation('DiscoverCreators');
    expect(first.operation.variables).toMatchObject({ filter: {}, first: 24 });
    first.flushData({
      creators: { totalCount: 1, pageInfo: { endCursor: 'c', hasNextPage: false }, nodes: [aria] },
    });
    await stable();
  });

  afterEach(() => {
    controller.verify();
    document.body.querySelectorAll('.cdk-overlay-container').forEach((element) => element.remove());
  });

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  const page = (): HTMLElement => fixture.nativeElement;
  const dialog = (): HTMLElement => find('mat-dialog-container');

  it('shows each creator with followers, average viewers and rate', () => {
    const card = text(page().querySelector('.card'));
    expect(card).toContain('Aria Lux');
    expect(card).toContain('@aria_lux · United States');
    expect(card).toContain('Followers48.2K');
    expect(card).toContain('Avg. viewers900');
    expect(card).toContain('Rate$450.00');
  });

  it('searches again as the brand types, once typing pauses', async () => {
    type(find<HTMLInputElement>('input[formcontrolname="search"]', page()), 'ari');
    type(find<HTMLInputElement>('input[formcontrolname="search"]', page()), 'aria');
    await new Promise((resolve) => setTimeout(resolve, 350));
    const search = await nextOperation('DiscoverCreators');
    expect(search.operation.variables['filter']).toEqual({ search: 'aria' });
    search.flushData({
      creators: { totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false }, nodes: [] },
    });
    await stable();
    expect(text(page().querySelector('app-empty-state'))).toContain('No creator matches these filters');
  });

  it('sends an offer in the campaign it came from, fee taken from the rate; API errors land on their field', async () => {
    button('Send offer', page()).click();
    const campaigns = await nextOperation('OfferableCampaigns');
    expect(campaigns.operation.variables).toEqual({ brandId: 'brand-1' });
    const campaign = (id: string, name: string, remaining: string) => ({
      id,
      name,
      status: 'ACTIVE' as const,
      budget: usd('5000.00'),
      remaining: usd(remaining),
    });
    campaigns.flushData({
      active: {
        nodes: [campaign('camp-1', 'Spring Glow', '300.00'), campaign('camp-2', 'Summer', '4000.00')],
      },
      drafts: { nodes: [] },
    });
    await stable();
    expect(text(dialog().querySelector('mat-select'))).toContain('Spring Glow');
    const fee = find<HTMLInputElement>('input[formcontrolname="fee"]', dialog());
    expect(fee.value).toBe('450.00');
    expect(text(dialog().querySelector('.warning'))).toContain('more than the $300.00 the campaign has left');

    button('Send offer', dialog()).click();
    await stable();
    const sent = await nextOperation('SendOfferToCreator');
    expect(sent.operation.variables['input']).toMatchObject({
      campaignId: 'camp-1',
      creatorId: 'creator-1',
      terms: { fee: { amount: '450.00', currency: 'USD' }, streamCount: 1, roseAllowance: 1000 },
    });
    sent.graphqlErrors([
      graphqlError('BAD_USER_INPUT', 'bad', {
        fields: [{ field: 'input.terms.streamCount', message: 'streamCount must be at most 1000' }],
      }),
    ]);
    await stable();
    const streams = find<HTMLInputElement>('input[formcontrolname="streamCount"]', dialog());
    expect(text(streams.closest('mat-form-field')?.querySelector('mat-error'))).toBe(
      'streamCount must be at most 1000',
    );

    type(streams, '2'); // the field's server error stays until its value changes
    button('Send offer', dialog()).click();
    await stable();
    (await nextOperation('SendOfferToCreator')).graphqlErrors([
      graphqlError('CONFLICT', 'This creator already has an open offer in this campaign'),
    ]);
    await stable();
    expect(text(dialog().querySelector('.form-error'))).toBe(
      'This creator already has an open offer in this campaign',
    );
  });
});
