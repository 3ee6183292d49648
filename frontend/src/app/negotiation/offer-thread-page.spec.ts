import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../testing/fixtures';
import { button, find, text, type } from '../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../testing/graphql-testing';
import type { OfferThreadFieldsFragment } from '../core/graphql/generated';
import { OrganizationStore } from '../core/organizations/organization-store';
import { anOffer, counteredOffer } from './offer-thread.fixtures';
import { OfferThreadPage } from './offer-thread-page';

describe('OfferThreadPage', () => {
  let fixture: ComponentFixture<OfferThreadPage>;
  let controller: ApolloTestingController;

  async function open(kind: 'BRAND' | 'CREATOR', offer: OfferThreadFieldsFragment): Promise<void> {
    TestBed.configureTestingModule({
      imports: [OfferThreadPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([]),
        { provide: OrganizationStore, useValue: organizationStoreWith(anOrganization({ kind })) },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(OfferThreadPage);
    fixture.componentRef.setInput('offerId', offer.id);
    fixture.detectChanges();
    (await nextOperation('OfferThread')).flushData({ offer });
    await stable();
    controller.expectOne('OfferThreadUpdated');
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
  const revision = (n: number) => page().querySelectorAll<HTMLElement>('li.revision')[n - 1];
  const changedRows = (li: HTMLElement) => [...li.querySelectorAll('.changed dt')].map(text);

  it('highlights what a counter-offer changed, with the old value struck through', async () => {
    await open('BRAND', counteredOffer({ fee: { amount: '1500.00', currency: 'USD' }, roseAllowance: 8000 }));
    expect(changedRows(revision(1))).toEqual([]);
    expect(changedRows(revision(2))).toEqual(['Fee Changed', 'Rose allowance Changed']);
    const fee = find('.changed dd', revision(2));
    expect(text(fee.querySelector('del'))).toBe('was $1,200.00');
    expect(text(fee.querySelector('.value'))).toBe('$1,500.00');
    expect(text(revision(2))).toContain('Aria Lux countered');
    expect(text(revision(2))).toContain('A bit more for three streams?');
  });

  it('lets the side whose turn it is answer, and the other side wait', async () => {
    await open('CREATOR', counteredOffer({ roseAllowance: 8000 }));
    expect(text(page().querySelector('.moves'))).toContain('Waiting for Bloom Cosmetics to answer.');
    expect(() => button('Accept', page())).toThrow();
    expect(() => button('Withdraw', page())).toThrow(); // creators cannot withdraw
  });

  it('shows the one message the brand sent with its offer once', async () => {
    await open('CREATOR', anOffer());
    expect(page().querySelectorAll('li.message')).toHaveLength(0);
    expect(text(revision(1).querySelector('blockquote'))).toBe('Hi Aria!');
  });

  it('counters with changed terms and shows an API field error next to its field', async () => {
    await open('CREATOR', anOffer());
    button('Counter', page()).click();
    await stable();
    const fee = find<HTMLInputElement>('input[formcontrolname="fee"]', page());
    expect(fee.value).toBe('1200.00');
    type(fee, '1450');
    button('Send counter-offer', page()).click();
    const sent = await nextOperation('CounterOfferInThread');
    expect(sent.operation.variables).toMatchObject({
      offerId: 'offer-1',
      expectedVersion: 1,
      terms: { fee: { amount: '1450', currency: 'USD' }, streamCount: 3, roseAllowance: 5000 },
    });
    sent.graphqlErrors([
      graphqlError('BAD_USER_INPUT', 'terms.fee: amount is larger than the platform allows', {
        fields: [{ field: 'terms.fee', message: 'amount is larger than the platform allows' }],
      }),
    ]);
    await stable();
    expect(text(fee.closest('mat-form-field')?.querySelector('mat-error'))).toBe(
      'amount is larger than the platform allows',
    );
    expect(page().querySelector('.counter .form-error')).toBeNull();
  });

  it('refuses a counter-offer with an unusable fee before calling the API', async () => {
    await open('CREATOR', anOffer());
    button('Counter', page()).click();
    await stable();
    const fee = find<HTMLInputElement>('input[formcontrolname="fee"]', page());
    type(fee, '12.345');
    button('Send counter-offer', page()).click();
    await stable();
    expect(text(fee.closest('mat-form-field')?.querySelector('mat-error'))).toBe(
      'Fee: amount has more decimals than USD allows (2).',
    );
    controller.expectNone('CounterOfferInThread');
  });

  it('reloads and explains when the other side moved first', async () => {
    await open('BRAND', counteredOffer({ roseAllowance: 8000 }));
    button('Accept', page()).click();
    await stable();
    button('Accept offer').click(); // in the confirmation dialog
    (await nextOperation('AcceptOfferInThread')).graphqlErrors([
      graphqlError('CONFLICT', 'The offer changed (version 3); reload it and try again'),
    ]);
    const newer = { ...counteredOffer({ roseAllowance: 9000 }), version: 3 };
    (await nextOperation('OfferThread')).flushData({ offer: newer });
    await stable();
    expect(text(page().querySelector('.notice'))).toContain(
      'The offer changed before your move reached it. Here is the latest version',
    );
    expect(text(page().querySelector('.side .terms'))).toContain('9,000 roses');
  });

  it('follows live updates from the other side', async () => {
    TestBed.configureTestingModule({
      imports: [OfferThreadPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([]),
        { provide: OrganizationStore, useValue: organizationStoreWith(anOrganization({ kind: 'BRAND' })) },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(OfferThreadPage);
    fixture.componentRef.setInput('offerId', 'offer-1');
    fixture.detectChanges();
    (await nextOperation('OfferThread')).flushData({ offer: anOffer() });
    await stable();
    const live = controller.expectOne('OfferThreadUpdated');
    live.flushData({ offerUpdated: counteredOffer({ streamCount: 2 }) });
    await stable();
    expect(text(page().querySelector('.notice'))).toContain('The offer was just updated.');
    expect(text(page().querySelector('.moves'))).toContain('@aria_lux is waiting for your answer.');
    expect(changedRows(revision(2))).toEqual(['Sponsored streams Changed']);
  });
});
