import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { anApiKey, anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { button, find, text, type } from '../../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { ApiKey } from './api-keys-store';
import { ApiKeysPage } from './api-keys-page';

describe('ApiKeysPage', () => {
  let fixture: ComponentFixture<ApiKeysPage>;
  let controller: ApolloTestingController;

  type Stream = { id: string; title: string; externalId: string | null };
  const nextStream: Stream = { id: 's-1', title: 'Weekend special', externalId: 'yt-42' };

  async function open(
    kind: 'BRAND' | 'CREATOR',
    keys: ApiKey[],
    streams: { live: Stream[]; next: Stream[] } = { live: [], next: [nextStream] },
  ): Promise<void> {
    TestBed.configureTestingModule({
      imports: [ApiKeysPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([]),
        {
          provide: OrganizationStore,
          useValue: organizationStoreWith(anOrganization({ id: 'org-1', kind })),
        },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(ApiKeysPage);
    fixture.detectChanges();
    (await nextOperation('ApiKeys')).flushData({ apiKeys: keys });
    if (kind === 'CREATOR') {
      const example = await nextOperation('EventsExampleStream');
      expect(example.operation.variables).toEqual({ organizationId: 'org-1' });
      example.flushData({
        organization: {
          id: 'org-1',
          creator: { id: 'c-1', live: { nodes: streams.live }, next: { nodes: streams.next } },
        },
      });
    }
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
  const dialog = (): HTMLElement => find('mat-dialog-container');

  it('lists keys with their prefix, scopes, last use and status', async () => {
    await open('BRAND', [
      anApiKey({ name: 'Shopify', prefix: 'bq_ab12', lastUsedAt: null }),
      anApiKey({ name: 'Old', prefix: 'bq_zz99', revokedAt: '2026-11-02T00:00:00Z' }),
    ]);
    const rows = [...page().querySelectorAll('tbody tr')].map(text);
    expect(rows[0]).toContain('Shopify');
    expect(rows[0]).toContain('bq_ab12…');
    expect(rows[0]).toContain('Redemptions');
    expect(rows[0]).toContain('Never');
    expect(rows[0]).toContain('Active');
    expect(rows[1]).toContain('Revoked Nov 2, 2026');
    expect(page().querySelectorAll('button.revoke')).toHaveLength(1);
    expect(page().querySelector('pre')).toBeNull(); // the curl example is for creators
  });

  it('says what to do when there is no key, and shows creators the events example for their next stream', async () => {
    await open('CREATOR', []);
    expect(text(page().querySelector('app-empty-state'))).toContain('No API keys yet');
    const curl = text(find('pre', page()));
    expect(curl).toContain('curl -X POST http://localhost/v1/events');
    expect(curl).toContain('-H "Authorization: Bearer <key>"');
    const body = JSON.parse(curl.slice(curl.indexOf("'") + 1, curl.lastIndexOf("'")));
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['VIEWER_JOINED', 'GIFT']);
    expect(body.events[1]).toMatchObject({
      streamId: 'yt-42',
      gift: { name: 'rose', count: 5, coinValue: 1 },
    });
    expect(text(page().querySelector('.example'))).toContain(
      'filled in with your next stream, “Weekend special”',
    );
    expect(button('Copy', page())).toBeTruthy();
  });

  it('prefers the live stream', async () => {
    await open('CREATOR', [], {
      live: [{ id: 's-live', title: 'Live Q&A', externalId: null }],
      next: [nextStream],
    });
    expect(text(find('pre', page()))).toContain('"streamId": "s-live"');
    expect(text(page().querySelector('.example'))).toContain('your live stream, “Live Q&A”');
  });

  it('asks for a stream id when the creator has no stream yet', async () => {
    await open('CREATOR', [], { live: [], next: [] });
    expect(text(find('pre', page()))).toContain('"streamId": "<stream>"');
    expect(text(page().querySelector('.example'))).toContain('schedule a stream');
  });

  it('shows the error and retries', async () => {
    TestBed.configureTestingModule({
      imports: [ApiKeysPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([]),
        { provide: OrganizationStore, useValue: organizationStoreWith(anOrganization()) },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(ApiKeysPage);
    fixture.detectChanges();
    (await nextOperation('ApiKeys')).graphqlErrors([graphqlError('FORBIDDEN', 'Only members see keys')]);
    await stable();

    expect(text(page().querySelector('[role="alert"]'))).toContain('Only members see keys');
    button('Try again', page()).click();
    (await nextOperation('ApiKeys')).flushData({ apiKeys: [] });
    await stable();
    expect(page().querySelector('[role="alert"]')).toBeNull();
  });

  it('creates a key and shows its secret once', async () => {
    await open('CREATOR', []);
    button('Create key', page()).click();
    await stable();

    const name = find<HTMLInputElement>('mat-dialog-container input[formcontrolname="name"]');
    type(name, 'OBS plugin');
    const checked = [...dialog().querySelectorAll<HTMLInputElement>('mat-checkbox input')].map(
      (box) => box.checked,
    );
    expect(checked).toEqual([true, true, false]); // a creator's key sends events and claims drops
    button('Create key', dialog()).click();

    const create = await nextOperation('CreateApiKey');
    expect(create.operation.variables).toEqual({
      organizationId: 'org-1',
      name: 'OBS plugin',
      scopes: ['EVENTS_WRITE', 'DROPS_CLAIM'],
    });
    const key = anApiKey({ name: 'OBS plugin', prefix: 'bq_obs1', scopes: ['EVENTS_WRITE', 'DROPS_CLAIM'] });
    create.flushData({ createApiKey: { secret: 'bq_obs1_the_whole_secret', apiKey: key } });
    await stable();

    expect(find<HTMLInputElement>('#api-key-secret').value).toBe('bq_obs1_the_whole_secret');
    expect(text(dialog().querySelector('[role="alert"]'))).toContain('only time Bouquet shows this key');
    expect(button('Copy', dialog())).toBeTruthy();

    button('I have stored it', dialog()).click();
    await stable();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(document.body.innerHTML).not.toContain('bq_obs1_the_whole_secret');
    expect(text(page().querySelector('tbody'))).toContain('bq_obs1…');

    button('Create key', page()).click(); // a new dialog starts from the form, not the old secret
    await stable();
    expect(document.querySelector('#api-key-secret')).toBeNull();
    expect(document.body.innerHTML).not.toContain('bq_obs1_the_whole_secret');
  });

  it('refuses to create a key without a name or a scope', async () => {
    await open('BRAND', []);
    button('Create key', page()).click();
    await stable();
    find<HTMLInputElement>('mat-checkbox input:checked', dialog()).click();
    button('Create key', dialog()).click();
    await stable();

    expect(text(dialog())).toContain('Name is required.');
    expect(text(dialog())).toContain('Choose at least one scope.');
    controller.expectNone('CreateApiKey');
  });

  it('revokes a key after confirmation', async () => {
    const key = anApiKey({ id: 'key-9', name: 'Shopify', prefix: 'bq_ab12' });
    await open('BRAND', [key]);

    button('Revoke', page()).click();
    await stable();
    expect(text(dialog())).toContain('Revoke “Shopify”?');
    button('Cancel', dialog()).click();
    await stable();
    controller.expectNone('RevokeApiKey');

    button('Revoke', page()).click();
    await stable();
    button('Revoke key', dialog()).click();
    const revoke = await nextOperation('RevokeApiKey');
    expect(revoke.operation.variables).toEqual({ id: 'key-9' });
    revoke.flushData({ revokeApiKey: { ...key, revokedAt: '2026-11-24T12:00:00Z' } });
    await stable();

    expect(text(page().querySelector('tbody'))).toContain('Revoked Nov 24, 2026');
    expect(page().querySelector('button.revoke')).toBeNull();
  });
});
