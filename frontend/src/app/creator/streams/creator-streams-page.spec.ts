import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { button, find, text, type } from '../../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import type { CurrentOrganization } from '../../core/organizations/organization-store';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { CreatorContext } from '../creator-context';
import { aCreatorStream, aStreamDrop } from '../creator.fixtures';
import { CreatorStream } from './creator-streams-store';
import { CreatorStreamsPage } from './creator-streams-page';

@Component({ template: '' })
class Elsewhere {}

describe('CreatorStreamsPage', () => {
  let fixture: ComponentFixture<CreatorStreamsPage>;
  let controller: ApolloTestingController;

  async function open(
    streams: { live?: CreatorStream[]; upcoming?: CreatorStream[]; ended?: CreatorStream[] },
    org: CurrentOrganization = anOrganization({ id: 'org-c', kind: 'CREATOR' }),
  ): Promise<void> {
    TestBed.configureTestingModule({
      imports: [CreatorStreamsPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([{ path: '**', component: Elsewhere }]),
        CreatorContext,
        { provide: OrganizationStore, useValue: organizationStoreWith(org) },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(CreatorStreamsPage);
    fixture.detectChanges();
    (await nextOperation('CreatorProfileOfOrganization')).flushData({
      organization: { id: org.id, creator: { id: 'creator-1', handle: 'aria_lux', displayName: 'Aria Lux' } },
    });
    await stable();
    const load = await nextOperation('CreatorStreams');
    expect(load.operation.variables['creatorId']).toBe('creator-1');
    load.flushData({
      live: { nodes: streams.live ?? [] },
      upcoming: { totalCount: streams.upcoming?.length ?? 0, nodes: streams.upcoming ?? [] },
      ended: { nodes: streams.ended ?? [] },
      cancelled: { nodes: [] },
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
  const dialog = (): HTMLElement => find('mat-dialog-container');
  const upcoming = () => [...page().querySelectorAll<HTMLElement>('.streams li')];

  it('shows what is live, what is coming with its drops, and past streams', async () => {
    await open({
      live: [
        aCreatorStream({
          id: 's-live',
          status: 'LIVE',
          title: 'Get ready with me',
          startedAt: '2026-11-24T18:00:00Z',
          giftedRoses: 1234,
        }),
      ],
      upcoming: [
        aCreatorStream({
          id: 's-next',
          title: 'Weekend special',
          externalId: 'yt-123',
          drops: [aStreamDrop({ roseCount: 500 }), aStreamDrop({ id: 'd-2', roseCount: 1000 })],
        }),
      ],
      ended: [
        aCreatorStream({
          id: 's-old',
          status: 'ENDED',
          title: 'Late show #1',
          startedAt: '2026-11-20T18:00:00Z',
          endedAt: '2026-11-20T19:30:00Z',
        }),
      ],
    });
    const live = text(page().querySelector('.live-card'));
    expect(live).toContain('Get ready with me');
    expect(live).toContain('1,234');
    expect(page().querySelector('.live-card a')?.getAttribute('href')).toBe('/app/live/s-live');
    expect(text(upcoming()[0])).toContain('2 drops · 1,500 roses');
    expect(text(upcoming()[0])).toContain('yt-123');
    expect(text(page().querySelector('tbody'))).toContain('Late show #1');
    expect(text(page().querySelector('tbody'))).toContain('90 min');
  });

  it('schedules a stream and shows the API’s field error next to its field', async () => {
    await open({});
    button('Schedule your first stream', page()).click();
    await stable();

    type(find<HTMLInputElement>('input[formcontrolname="title"]', dialog()), 'Friday Q&A');
    type(find<HTMLInputElement>('input[formcontrolname="externalId"]', dialog()), 'yt-dup');
    button('Schedule stream', dialog()).click();
    const refused = await nextOperation('CreatorScheduleStream');
    expect(refused.operation.variables['input']).toMatchObject({
      creatorId: 'creator-1',
      title: 'Friday Q&A',
      externalId: 'yt-dup',
    });
    expect(Date.parse(refused.operation.variables['input'].scheduledStartAt)).toBeGreaterThan(Date.now());
    refused.graphqlErrors([
      graphqlError('BAD_USER_INPUT', 'Invalid input', {
        fields: [
          { field: 'input.externalId', message: 'this creator already has a stream with that externalId' },
        ],
      }),
    ]);
    await stable();
    const externalField = find('input[formcontrolname="externalId"]', dialog()).closest('mat-form-field');
    expect(text(externalField?.querySelector('mat-error'))).toBe(
      'this creator already has a stream with that externalId',
    );
    expect(dialog().querySelector('.form-error')).toBeNull();

    type(find<HTMLInputElement>('input[formcontrolname="externalId"]', dialog()), 'yt-new');
    button('Schedule stream', dialog()).click();
    const accepted = await nextOperation('CreatorScheduleStream');
    accepted.flushData({
      scheduleStream: aCreatorStream({ id: 's-new', title: 'Friday Q&A', externalId: 'yt-new' }),
    });
    await stable();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(text(upcoming()[0])).toContain('Friday Q&A');
  });

  it('refuses a start time in the past before asking the API', async () => {
    await open({});
    button('Schedule your first stream', page()).click();
    await stable();
    type(find<HTMLInputElement>('input[formcontrolname="title"]', dialog()), 'Too late');
    type(find<HTMLInputElement>('input[formcontrolname="scheduledStartAt"]', dialog()), '2020-01-01T10:00');
    button('Schedule stream', dialog()).click();
    await stable();
    expect(text(dialog())).toContain('Pick a time in the future.');
    controller.expectNone('CreatorScheduleStream');
  });

  it('goes live and moves the stream to Live now', async () => {
    const next = aCreatorStream({ id: 's-next' });
    await open({ upcoming: [next] });
    button('Go live', upcoming()[0]).click();
    const op = await nextOperation('CreatorStartStream');
    expect(op.operation.variables).toEqual({ id: 's-next' });
    op.flushData({ startStream: { ...next, status: 'LIVE', startedAt: new Date().toISOString() } });
    await stable();
    (await nextOperation('CreatorStreams')).flushData({
      live: { nodes: [{ ...next, status: 'LIVE', startedAt: new Date().toISOString() }] },
      upcoming: { totalCount: 0, nodes: [] },
      ended: { nodes: [] },
      cancelled: { nodes: [] },
    });
    await stable();

    expect(text(page().querySelector('.live-card'))).toContain('Weekend special');
    expect(upcoming()).toHaveLength(0);
    expect(text(document.querySelector('mat-snack-bar-container'))).toContain('“Weekend special” is live.');
  });

  it('cancels only after confirmation, and says why the API refused', async () => {
    await open({ upcoming: [aCreatorStream({ id: 's-next' })] });
    button('Cancel', upcoming()[0]).click();
    await stable();
    expect(text(dialog())).toContain('Cancel “Weekend special”?');
    button('Cancel stream', dialog()).click();
    const op = await nextOperation('CreatorCancelStream');
    op.graphqlErrors([graphqlError('CONFLICT', 'A LIVE stream cannot become CANCELLED')]);
    await stable();
    expect(text(document.querySelector('mat-snack-bar-container'))).toContain(
      'Could not update “Weekend special”: A LIVE stream cannot become CANCELLED',
    );
  });

  it('lets a viewer of the creator team look without acting', async () => {
    await open(
      { upcoming: [aCreatorStream()] },
      anOrganization({ id: 'org-c', kind: 'CREATOR', role: 'VIEWER' }),
    );
    expect(() => button('Go live', page())).toThrow();
    expect(() => button('Schedule a stream', page())).toThrow();
  });
});
