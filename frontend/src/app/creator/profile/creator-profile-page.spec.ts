import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { button, find, text, type } from '../../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { CreatorContext } from '../creator-context';
import { CreatorProfilePage } from './creator-profile-page';
import type { EditableCreatorProfile } from './creator-profile-store';

function aProfile(overrides: Partial<EditableCreatorProfile> = {}): EditableCreatorProfile {
  return {
    id: 'creator-1',
    handle: 'aria_lux',
    displayName: 'Aria Lux',
    bio: null,
    categories: ['beauty'],
    country: 'US',
    followerCount: 1200,
    averageViewers: 80,
    rate: null,
    ...overrides,
  };
}

describe('CreatorProfilePage', () => {
  let fixture: ComponentFixture<CreatorProfilePage>;
  let controller: ApolloTestingController;

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  async function open(profile: EditableCreatorProfile, role: 'OWNER' | 'VIEWER' = 'OWNER'): Promise<void> {
    TestBed.configureTestingModule({
      imports: [CreatorProfilePage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([{ path: '**', children: [] }]),
        CreatorContext,
        {
          provide: OrganizationStore,
          useValue: organizationStoreWith(anOrganization({ id: 'org-c', kind: 'CREATOR', role })),
        },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(CreatorProfilePage);
    fixture.detectChanges();
    (await nextOperation('CreatorProfileOfOrganization')).flushData({
      organization: {
        id: 'org-c',
        creator: { id: 'creator-1', handle: 'aria_lux', displayName: 'Aria Lux' },
      },
    });
    await stable();
    const load = await nextOperation('CreatorProfileForEdit');
    expect(load.operation.variables).toEqual({ id: 'creator-1' });
    load.flushData({ creator: profile });
    await stable();
  }

  afterEach(() => controller.verify());

  const page = (): HTMLElement => fixture.nativeElement;
  const input = (name: string) => find<HTMLInputElement>(`[formcontrolname="${name}"]`, page());
  const errorOf = (name: string) => text(input(name).closest('mat-form-field')?.querySelector('mat-error'));
  const labelOf = (name: string) => text(input(name).closest('mat-form-field')?.querySelector('mat-label'));

  it('shows the profile in a labelled form and saves the changes, then says it is saved', async () => {
    await open(aProfile());
    expect(input('displayName').value).toBe('Aria Lux');
    expect(labelOf('followerCount')).toBe('Followers');
    expect(labelOf('rate')).toBe('Rate per stream');

    type(input('bio') as unknown as HTMLInputElement, 'Skincare routines, live every Friday.');
    type(input('followerCount'), '54000');
    type(input('averageViewers'), '900');
    type(input('rate'), '1,250');
    find<HTMLElement>('mat-chip-option:nth-of-type(2) .mdc-evolution-chip__action', page()).click(); // fashion
    await stable();
    button('Save profile', page()).click();

    const save = await nextOperation('UpdateCreatorProfile');
    expect(save.operation.variables).toEqual({
      creatorId: 'creator-1',
      input: {
        displayName: 'Aria Lux',
        bio: 'Skincare routines, live every Friday.',
        categories: ['beauty', 'fashion'],
        country: 'US',
        followerCount: 54000,
        averageViewers: 900,
        rate: { amount: '1250', currency: 'USD' },
      },
    });
    save.flushData({
      updateCreatorProfile: aProfile({
        bio: 'Skincare routines, live every Friday.',
        categories: ['beauty', 'fashion'],
        followerCount: 54000,
        averageViewers: 900,
        rate: { amount: '1250.00', currency: 'USD' },
      }),
    });
    await stable();
    expect(text(find('[role="status"]', page()))).toBe(
      'Profile saved. Brands see your rate as $1,250.00 per stream.',
    );
  });

  it('checks the fields before asking the API', async () => {
    await open(aProfile());
    type(input('displayName'), '');
    type(input('followerCount'), '-3');
    type(input('rate'), '12.345');
    await stable();
    button('Save profile', page()).click();
    await stable();
    expect(errorOf('displayName')).toBe('Display name is required.');
    expect(errorOf('followerCount')).toBe('Followers must be at least 0.');
    expect(errorOf('rate')).toMatch(/^Rate: /);
    controller.expectNone('UpdateCreatorProfile');
  });

  it('shows the API field error next to the field it names', async () => {
    await open(aProfile());
    button('Save profile', page()).click();
    (await nextOperation('UpdateCreatorProfile')).graphqlErrors([
      graphqlError('BAD_USER_INPUT', 'input.country: country must be an upper-case ISO-3166 alpha-2 code', {
        fields: [{ field: 'input.country', message: 'country must be an upper-case ISO-3166 alpha-2 code' }],
      }),
    ]);
    await stable();
    const country = find('[formcontrolname="country"]', page()).closest('mat-form-field');
    expect(text(country?.querySelector('mat-error'))).toBe(
      'country must be an upper-case ISO-3166 alpha-2 code',
    );
    expect(page().querySelector('.form-error')).toBeNull();
    expect(text(find('[role="status"]', page()))).toBe('');
  });

  it('lets a viewer of the team read the profile but not change it', async () => {
    await open(aProfile(), 'VIEWER');
    expect(input('displayName').disabled).toBe(true);
    expect(page().textContent).toContain("the team's owners and managers can change it");
    expect(() => button('Save profile', page())).toThrow();
  });
});
