import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { find, text } from '../../../testing/dom';
import { nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { NotificationsStore } from '../../core/notifications/notifications-store';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { CreatorContext } from '../creator-context';
import { aCreatorOffer } from '../creator.fixtures';
import { CreatorOffer } from './creator-offers-store';
import { CreatorOffersPage } from './creator-offers-page';

@Component({ template: '' })
class Elsewhere {}

describe('CreatorOffersPage', () => {
  let fixture: ComponentFixture<CreatorOffersPage>;
  let controller: ApolloTestingController;

  async function open(
    offers: CreatorOffer[],
    unread: { id: string; kind: string; subjectId: string }[] = [],
  ) {
    TestBed.configureTestingModule({
      imports: [CreatorOffersPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([{ path: '**', component: Elsewhere }]),
        CreatorContext,
        NotificationsStore,
        {
          provide: OrganizationStore,
          useValue: organizationStoreWith(anOrganization({ id: 'org-c', kind: 'CREATOR' })),
        },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(CreatorOffersPage);
    fixture.detectChanges();
    const profile = await nextOperation('CreatorProfileOfOrganization');
    expect(profile.operation.variables).toEqual({ organizationId: 'org-c' });
    profile.flushData({
      organization: {
        id: 'org-c',
        creator: { id: 'creator-1', handle: 'aria_lux', displayName: 'Aria Lux' },
      },
    });
    await stable();
    (await nextOperation('CreatorOffers')).flushData({
      offers: { totalCount: offers.length, nodes: offers },
      notifications: { nodes: unread },
    });
    await stable();
  }

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => controller.verify());

  const page = (): HTMLElement => fixture.nativeElement;
  const rows = () => [...page().querySelectorAll<HTMLAnchorElement>('a.offer')];

  it('lists offers with their terms, whose move it is, and unread badges', async () => {
    await open(
      [
        aCreatorOffer({ id: 'o-1', createdAt: '2026-11-22T10:00:00.000Z' }),
        aCreatorOffer({
          id: 'o-2',
          awaitingResponseFrom: 'BRAND',
          campaign: { id: 'c-2', name: 'Run the Night', brand: { id: 'b-2', name: 'Nova Sneakers' } },
        }),
      ],
      [
        { id: 'n-1', kind: 'offer.sent', subjectId: 'o-1' },
        { id: 'n-2', kind: 'offer.message', subjectId: 'o-1' },
      ],
    );
    const [first, second] = rows();
    expect(text(first.querySelector('.brand'))).toBe('Bloom Cosmetics');
    expect(text(first.querySelector('.campaign'))).toBe('Spring Glow');
    expect(text(first)).toContain('$750.00 · 3 streams · 25,000 roses · 25% code');
    expect(text(first)).toContain('Your move');
    expect(text(first.querySelector('.badge'))).toBe('2 new updates');
    expect(first.getAttribute('href')).toBe('/app/creator/offers/o-1');
    expect(text(second)).toContain('Brand’s move');
    expect(second.querySelector('.badge')).toBeNull();
    expect(text(page().querySelector('app-page-header'))).toContain('1 offer needs your reply');
  });

  it('opening an offer clears its badge', async () => {
    await open([aCreatorOffer({ id: 'o-1' })], [{ id: 'n-1', kind: 'offer.countered', subjectId: 'o-1' }]);
    rows()[0].click();
    await stable();
    expect(rows()[0].querySelector('.badge')).toBeNull();
    (await nextOperation('MarkNotificationsRead')).flushData({ markNotificationsRead: 1 });
  });

  it('filters by box and says when a box is empty', async () => {
    await open([
      aCreatorOffer({ id: 'o-1' }),
      aCreatorOffer({ id: 'o-2', status: 'ACCEPTED', awaitingResponseFrom: null }),
    ]);
    const chip = (label: string): HTMLElement => {
      const found = [...page().querySelectorAll<HTMLElement>('mat-chip-option')].find((c) =>
        text(c).startsWith(label),
      );
      if (!found) throw new Error(`No chip says ${label}`);
      return found;
    };
    expect(text(chip('Accepted'))).toBe('Accepted 1');

    find('[role="option"]', chip('Accepted')).click();
    await stable();
    expect(rows().map((row) => row.getAttribute('href'))).toEqual(['/app/creator/offers/o-2']);

    find('[role="option"]', chip('Closed')).click();
    await stable();
    expect(rows()).toHaveLength(0);
    expect(text(page().querySelector('.empty-box'))).toBe('No declined, withdrawn or expired offers.');
  });

  it('tells a creator without offers how brands find them', async () => {
    await open([]);
    const empty = text(page().querySelector('app-empty-state'));
    expect(empty).toContain('No offers yet');
    expect(empty).toContain('Schedule a stream');
  });
});
