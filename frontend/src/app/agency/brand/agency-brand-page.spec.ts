import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { button, text } from '../../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { anAgencyCampaign } from '../agency.fixtures';
import { AgencyCampaign } from './agency-brand-store';
import { AgencyBrandPage } from './agency-brand-page';

@Component({ template: '' })
class Elsewhere {}

describe('AgencyBrandPage', () => {
  let fixture: ComponentFixture<AgencyBrandPage>;
  let controller: ApolloTestingController;

  async function open(
    campaigns: AgencyCampaign[],
    role: 'OWNER' | 'MANAGER' | 'VIEWER' = 'MANAGER',
    managed = [{ id: 'b-1', name: 'Bloom Cosmetics' }],
  ): Promise<void> {
    TestBed.configureTestingModule({
      imports: [AgencyBrandPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([{ path: '**', component: Elsewhere }]),
        {
          provide: OrganizationStore,
          useValue: organizationStoreWith(anOrganization({ id: 'agency-1', kind: 'AGENCY', role })),
        },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(AgencyBrandPage);
    fixture.componentRef.setInput('brandId', 'b-1');
    fixture.detectChanges();
    const op = await nextOperation('AgencyBrandCampaigns');
    expect(op.operation.variables).toEqual({ agencyId: 'agency-1', brandId: 'b-1' });
    op.flushData({
      organization: { id: 'agency-1', managedBrands: managed },
      campaigns: { totalCount: campaigns.length, nodes: campaigns },
    });
    await stable();
  }

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => controller.verify());

  const page = (): HTMLElement => fixture.nativeElement;
  const cards = () => [...page().querySelectorAll<HTMLElement>('li.campaign')];

  it('lists the brand’s campaigns, active first, with budget and results', async () => {
    await open([
      anAgencyCampaign({ id: 'c-draft', name: 'Holiday Sparkle', status: 'DRAFT' }),
      anAgencyCampaign({ id: 'c-active' }),
    ]);
    expect(text(page().querySelector('h1'))).toBe('Bloom Cosmetics');
    expect(cards().map((card) => text(card.querySelector('.name')))).toEqual([
      'Spring Glow',
      'Holiday Sparkle',
    ]);
    const active = text(cards()[0]);
    expect(active).toContain('$1,500.00 spent');
    expect(active).toContain('+180%');
    expect(cards()[0].querySelector('a.name')?.getAttribute('href')).toBe('/app/agency/campaigns/c-active');
  });

  it('pauses a campaign with the agency’s rights', async () => {
    const campaign = anAgencyCampaign();
    await open([campaign]);
    button('Pause', cards()[0]).click();
    const op = await nextOperation('AgencyPauseCampaign');
    expect(op.operation.variables).toEqual({ id: 'camp-1' });
    op.flushData({ pauseCampaign: { ...campaign, status: 'PAUSED' } });
    await stable();
    expect(text(cards()[0])).toContain('Paused');
    expect(button('Resume', cards()[0])).toBeTruthy();
  });

  it('says why the API refused a pause', async () => {
    await open([anAgencyCampaign()]);
    button('Pause', cards()[0]).click();
    (await nextOperation('AgencyPauseCampaign')).graphqlErrors([
      graphqlError('FORBIDDEN', 'Your role does not allow this on Campaign camp-1'),
    ]);
    await stable();
    expect(text(document.querySelector('mat-snack-bar-container'))).toContain(
      'Could not pause “Spring Glow”: Your role does not allow this on Campaign camp-1',
    );
  });

  it('gives agency viewers the reports but no pause or resume', async () => {
    await open([anAgencyCampaign(), anAgencyCampaign({ id: 'c-2', status: 'PAUSED' })], 'VIEWER');
    expect(() => button('Pause', page())).toThrow();
    expect(() => button('Resume', page())).toThrow();
    expect(button('Report', cards()[0])).toBeTruthy();
  });

  it('refuses a brand that has not granted access', async () => {
    await open([], 'MANAGER', []);
    expect(text(page().querySelector('app-load-error'))).toContain(
      'This brand has not granted your agency access.',
    );
  });
});
