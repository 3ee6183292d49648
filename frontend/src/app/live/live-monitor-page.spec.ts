import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { anOrganization, organizationStoreWith } from '../../testing/fixtures';
import { button, text } from '../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../testing/graphql-testing';
import type { LiveMonitorQuery } from '../core/graphql/generated';
import { OrganizationStore } from '../core/organizations/organization-store';
import { aBucket, aLiveDrop, aLiveStream } from './live.fixtures';
import { LiveMonitorPage, timeLeft } from './live-monitor-page';

describe('LiveMonitorPage', () => {
  let fixture: ComponentFixture<LiveMonitorPage>;
  let controller: ApolloTestingController;

  async function open(
    stream: LiveMonitorQuery['stream'],
    org = anOrganization({ kind: 'CREATOR' }),
  ): Promise<void> {
    TestBed.configureTestingModule({
      imports: [LiveMonitorPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([]),
        { provide: OrganizationStore, useValue: organizationStoreWith(org) },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(LiveMonitorPage);
    fixture.componentRef.setInput('streamId', stream.id);
    fixture.detectChanges();
    (await nextOperation('LiveMonitor')).flushData({
      stream,
      streamTimeline: [
        aBucket('2026-11-24T18:00:00.000Z', { giftedRoses: 40, viewers: 20 }),
        aBucket('2026-11-24T18:01:00.000Z', { giftedRoses: 12, viewers: 27, claimedRoses: 4 }),
      ],
    });
    await stable();
  }

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => {
    fixture.destroy();
    controller.verify();
    document.body.querySelectorAll('.cdk-overlay-container').forEach((element) => element.remove());
  });

  const page = (): HTMLElement => fixture.nativeElement;
  const drops = () => [...page().querySelectorAll<HTMLElement>('li.drop')];
  const live = () => {
    controller.match('LiveStreamTick');
    controller.match('LiveDropUpdated');
  };

  it('shows the stream live: viewers and roses this minute, the chart text, and each drop', async () => {
    const open_ = aLiveDrop({
      id: 'd-open',
      status: 'OPEN',
      trigger: 'GIFT_MILESTONE',
      milestoneRoses: 5000,
      openedAt: new Date(Date.now() - 60_000).toISOString(),
      roseCount: 1000,
      claimedRoses: 250,
      remainingRoses: 750,
      claimCount: 250,
    });
    await open(aLiveStream({ drops: [aLiveDrop({ id: 'd-manual' }), open_] }));
    live();

    const kpis = text(page().querySelector('.kpis'));
    expect(kpis).toContain('Viewers now 27');
    expect(kpis).toContain('Roses this minute 12');
    expect(text(page().querySelector('app-chart'))).toContain(
      '18:01: 12 roses gifted, 27 viewers, 4 roses claimed',
    );
    expect(text(page().querySelector('.updates'))).toBe('Updating live');

    const [first, second] = drops();
    expect(text(first)).toContain('Open');
    expect(text(first)).toMatch(/Opened \d\d:\d\d at its gift milestone/);
    expect(text(first)).toMatch(/Remaining\s*750 of 1,000/);
    expect(text(first)).toMatch(/Closes in\s*[89]:\d\d/);
    expect(text(second)).toContain('Opens when someone presses Open drop');
    expect(() => button('Open drop', first)).toThrow(); // only MANUAL drops open by hand
    expect(button('Open drop', second)).toBeTruthy();
  });

  it('opens a manual drop and tells how long viewers can claim', async () => {
    await open(aLiveStream({ drops: [aLiveDrop({ id: 'd-manual', claimWindowSeconds: 300 })] }));
    live();
    button('Open drop', drops()[0]).click();
    const op = await nextOperation('LiveOpenDrop');
    expect(op.operation.variables).toEqual({ id: 'd-manual' });
    op.flushData({
      openDrop: aLiveDrop({
        id: 'd-manual',
        status: 'OPEN',
        openedAt: new Date().toISOString(),
        claimWindowSeconds: 300,
      }),
    });
    await stable();

    expect(text(document.querySelector('mat-snack-bar-container'))).toContain(
      'The drop is open: viewers can claim 500 roses for 5 min.',
    );
    expect(text(drops()[0])).toMatch(/Closes in\s*[45]:\d\d/);
    expect(() => button('Open drop', drops()[0])).toThrow();
  });

  it('says why a drop could not open', async () => {
    await open(aLiveStream({ drops: [aLiveDrop({ id: 'd-manual' })] }));
    live();
    button('Open drop', drops()[0]).click();
    (await nextOperation('LiveOpenDrop')).graphqlErrors([
      graphqlError('BUDGET_EXCEEDED', 'The campaign budget cannot cover this drop'),
    ]);
    await stable();
    expect(text(document.querySelector('mat-snack-bar-container'))).toContain(
      'Could not open the drop: The campaign budget cannot cover this drop',
    );
    expect(button('Open drop', drops()[0])).toBeTruthy();
  });

  it('lets viewers of a brand watch but not open drops', async () => {
    await open(aLiveStream(), anOrganization({ kind: 'BRAND', role: 'VIEWER' }));
    live();
    expect(drops()).toHaveLength(1);
    expect(() => button('Open drop', drops()[0])).toThrow();
  });

  it('explains a stream that has not started and what to do about it', async () => {
    await open(aLiveStream({ status: 'SCHEDULED', startedAt: null, drops: [] }));
    controller.expectNone('LiveStreamTick');
    expect(text(page().querySelector('.note'))).toContain('This page comes alive when you go live.');
    expect(text(page().querySelector('app-empty-state'))).toContain('No drops in this stream');
  });
});

describe('timeLeft', () => {
  it('counts down the claim window of an open drop', () => {
    const drop = aLiveDrop({
      status: 'OPEN',
      openedAt: '2026-11-24T18:00:00.000Z',
      claimWindowSeconds: 3900,
    });
    expect(timeLeft(drop, Date.parse('2026-11-24T18:00:00.000Z'))).toBe('1:05:00');
    expect(timeLeft(drop, Date.parse('2026-11-24T19:04:01.500Z'))).toBe('0:59');
    expect(timeLeft(drop, Date.parse('2026-11-24T20:00:00.000Z'))).toBe('0:00');
    expect(timeLeft(aLiveDrop({ status: 'SCHEDULED' }), 0)).toBeNull();
  });
});
