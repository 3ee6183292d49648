import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { button, find, text, type } from '../../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { usd } from '../brand.fixtures';
import { CampaignEditorPage } from './campaign-editor-page';

describe('CampaignEditorPage', () => {
  let fixture: ComponentFixture<CampaignEditorPage>;
  let controller: ApolloTestingController;

  function open(campaignId?: string): void {
    TestBed.configureTestingModule({
      imports: [CampaignEditorPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([{ path: '**', children: [] }]),
        { provide: OrganizationStore, useValue: organizationStoreWith(anOrganization({ id: 'brand-1' })) },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(CampaignEditorPage);
    if (campaignId) fixture.componentRef.setInput('campaignId', campaignId);
    fixture.detectChanges();
  }

  afterEach(() => controller.verify());

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  const page = (): HTMLElement => fixture.nativeElement;
  const input = (name: string) => find<HTMLInputElement>(`[formcontrolname="${name}"]`, page());
  const errorOf = (name: string) => text(input(name).closest('mat-form-field')?.querySelector('mat-error'));

  async function fillNew(): Promise<void> {
    await stable();
    type(input('name'), 'Spring Glow');
    type(input('brief') as unknown as HTMLInputElement, 'Rose drops and 20% codes.');
    type(input('budget'), '5,000');
    await stable();
  }

  it('creates a campaign and opens it', async () => {
    open();
    await fillNew();
    button('Create campaign', page()).click();
    const created = await nextOperation('BrandCreateCampaign');
    expect(created.operation.variables['input']).toEqual({
      brandId: 'brand-1',
      name: 'Spring Glow',
      brief: 'Rose drops and 20% codes.',
      objective: 'SALES',
      budget: { amount: '5000', currency: 'USD' },
      roseUnitPrice: { amount: '0.01', currency: 'USD' },
      startsAt: null,
      endsAt: null,
    });
    created.flushData({ createCampaign: { id: 'camp-9' } });
    await stable();
    expect(TestBed.inject(Router).url).toBe('/app/brand/campaigns/camp-9');
  });

  it('shows the API field error next to the field it names', async () => {
    open();
    await fillNew();
    button('Create campaign', page()).click();
    (await nextOperation('BrandCreateCampaign')).graphqlErrors([
      graphqlError('BAD_USER_INPUT', 'input.budget: amount is larger than the platform allows', {
        fields: [{ field: 'input.budget', message: 'amount is larger than the platform allows' }],
      }),
    ]);
    await stable();
    expect(errorOf('budget')).toBe('amount is larger than the platform allows');
    expect(page().querySelector('.form-error')).toBeNull();
  });

  it('refuses, before asking, a budget below what is already spent and reserved', async () => {
    open('camp-1');
    (await nextOperation('BrandCampaignForEdit')).flushData({
      campaign: {
        id: 'camp-1',
        name: 'Spring Glow',
        brief: 'Brief',
        objective: 'SALES',
        status: 'ACTIVE',
        startsAt: null,
        endsAt: null,
        budget: usd('5000.00'),
        spent: usd('1200.00'),
        reserved: usd('300.00'),
        roseUnitPrice: usd('0.01'),
      },
    });
    await stable();
    expect(input('currency').getAttribute('aria-disabled')).toBe('true'); // one currency per campaign
    type(input('budget'), '1000');
    button('Save changes', page()).click();
    await stable();
    expect(errorOf('budget')).toBe('The budget cannot go below $1,500.00 already spent or reserved.');
    controller.expectNone('BrandUpdateCampaign');

    type(input('budget'), '1600');
    button('Save changes', page()).click();
    (await nextOperation('BrandUpdateCampaign')).graphqlErrors([
      graphqlError('BUDGET_EXCEEDED', 'The budget cannot drop below spent + reserved (1650 USD)'),
    ]);
    await stable();
    expect(errorOf('budget')).toBe('The budget cannot drop below spent + reserved (1650 USD)');
  });
});
