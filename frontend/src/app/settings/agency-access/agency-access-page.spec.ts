import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { CurrentOrganization, OrganizationStore } from '../../core/organizations/organization-store';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { button, find, text, type } from '../../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { AgencyAccessPage } from './agency-access-page';
import { PartnerOrganization } from './agency-access-store';

const AGENCY_ID = '3f2c9a4e-1b7d-4c2e-9a51-0d6f8e2b7c13';
const bloom: PartnerOrganization = { id: AGENCY_ID, name: 'Bloom Agency', slug: 'bloom' };

describe('AgencyAccessPage', () => {
  let fixture: ComponentFixture<AgencyAccessPage>;
  let controller: ApolloTestingController;

  async function open(
    org: CurrentOrganization,
    agencies: PartnerOrganization[],
    brands: PartnerOrganization[] = [],
  ) {
    TestBed.configureTestingModule({
      imports: [AgencyAccessPage, ApolloTestingModule],
      providers: [noAnimations, { provide: OrganizationStore, useValue: organizationStoreWith(org) }],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(AgencyAccessPage);
    fixture.detectChanges();
    (await nextOperation('AgencyAccess')).flushData({
      organization: { id: org.id, kind: org.kind, agencies, managedBrands: brands },
    });
    await stable();
  }

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => {
    controller.verify();
    document.body.querySelectorAll('.cdk-overlay-container').forEach((element) => element.remove());
  });

  const page = (): HTMLElement => fixture.nativeElement;
  const agencyInput = () => find<HTMLInputElement>('input[formcontrolname="agencyId"]', page());
  const dialog = (): HTMLElement => find('mat-dialog-container');

  it('tells a brand owner with no grant how to start', async () => {
    await open(anOrganization({ id: 'brand-1' }), []);
    expect(text(page().querySelector('app-empty-state'))).toContain('No agency has access');
    expect(text(page().querySelector('app-empty-state'))).toContain('grant it access above');
  });

  it('grants access by agency organization id', async () => {
    await open(anOrganization({ id: 'brand-1' }), []);
    type(agencyInput(), ` ${AGENCY_ID} `);
    button('Grant access', page()).click();

    const grant = await nextOperation('GrantAgencyAccess');
    expect(grant.operation.variables).toEqual({ brandId: 'brand-1', agencyId: AGENCY_ID });
    grant.flushData({ grantAgencyAccess: { grantedAt: '2026-11-24T00:00:00Z', agency: bloom } });
    await stable();

    expect(text(page().querySelector('.partners'))).toContain('Bloom Agency');
    expect(agencyInput().value).toBe('');
    expect(agencyInput().closest('mat-form-field')?.querySelector('mat-error')).toBeNull(); // no "required" after a grant
  });

  it('checks the id before asking, and shows the API field error on the field', async () => {
    await open(anOrganization({ id: 'brand-1' }), []);
    type(agencyInput(), 'bloom');
    button('Grant access', page()).click();
    await stable();
    expect(text(agencyInput().closest('mat-form-field'))).toContain('An organization id looks like');
    controller.expectNone('GrantAgencyAccess');

    type(agencyInput(), AGENCY_ID);
    button('Grant access', page()).click();
    (await nextOperation('GrantAgencyAccess')).graphqlErrors([
      graphqlError('BAD_USER_INPUT', 'Invalid input', {
        fields: [{ field: 'agencyId', message: 'This organization is not an agency.' }],
      }),
    ]);
    await stable();
    expect(text(agencyInput().closest('mat-form-field')?.querySelector('mat-error'))).toBe(
      'This organization is not an agency.',
    );
  });

  it('revokes an agency after confirmation', async () => {
    await open(anOrganization({ id: 'brand-1' }), [bloom]);
    button('Revoke', page()).click();
    await stable();
    expect(text(dialog())).toContain("Revoke Bloom Agency's access?");
    button('Revoke access', dialog()).click();

    const revoke = await nextOperation('RevokeAgencyAccess');
    expect(revoke.operation.variables).toEqual({ brandId: 'brand-1', agencyId: AGENCY_ID });
    revoke.flushData({ revokeAgencyAccess: true });
    await stable();
    expect(page().querySelector('.partners')).toBeNull();
    expect(text(page().querySelector('app-empty-state'))).toContain('No agency has access');
  });

  it('only lets owners change access', async () => {
    await open(anOrganization({ role: 'MANAGER' }), [bloom]);
    expect(page().querySelector('form')).toBeNull();
    expect(page().querySelector('button.revoke')).toBeNull();
    expect(text(page().querySelector('.partners'))).toContain('Bloom Agency');
  });

  it('shows an agency the brands it manages', async () => {
    await open(
      anOrganization({ kind: 'AGENCY', name: 'Bloom' }),
      [],
      [{ id: 'b1', name: 'Petal & Co', slug: 'petal' }],
    );
    expect(page().querySelector('form')).toBeNull();
    expect(text(page().querySelector('.partners'))).toContain('Petal & Co');
  });
});
