import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { button, find, text, type } from '../../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { aSchedulerContext, usd } from '../brand.fixtures';
import { DropSchedulerPage } from './drop-scheduler-page';

describe('DropSchedulerPage', () => {
  let fixture: ComponentFixture<DropSchedulerPage>;
  let controller: ApolloTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [DropSchedulerPage, ApolloTestingModule],
      providers: [noAnimations, provideRouter([{ path: '**', children: [] }])],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(DropSchedulerPage);
    fixture.componentRef.setInput('campaignId', 'camp-1');
    fixture.detectChanges();
    const context = aSchedulerContext();
    context.campaign.remaining = usd('200.00');
    (await nextOperation('DropSchedulerContext')).flushData(context);
    await stable();
    // The only creator with an accepted offer is picked for the brand; their streams load.
    const streams = await nextOperation('SchedulableStreams');
    expect(streams.operation.variables['creatorId']).toBe('creator-1');
    streams.flushData({
      live: {
        nodes: [
          {
            id: 'stream-live',
            title: 'Get ready with me',
            status: 'LIVE',
            scheduledStartAt: '2026-11-20T20:00:00Z',
            startedAt: '2026-11-20T20:00:00Z',
          },
        ],
      },
      upcoming: { nodes: [] },
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
  const roses = () => find<HTMLInputElement>('input[formcontrolname="roseCount"]', page());
  const rosesError = () => text(roses().closest('mat-form-field')?.querySelector('mat-error'));
  const summary = () =>
    [...page().querySelectorAll('.summary dl div')]
      .map((row) => `${text(row.querySelector('dt'))}: ${text(row.querySelector('dd'))}`)
      .concat(text(page().querySelector('.summary .warn')));
  const radio = (label: string): HTMLInputElement => {
    const found = [...page().querySelectorAll('mat-radio-button')].find((r) => text(r).includes(label));
    if (!found) throw new Error(`No radio button says ${label}`);
    return found.querySelector('input') as HTMLInputElement;
  };

  async function pickStreamAndRoses(count: string): Promise<void> {
    radio('Get ready with me').click();
    type(roses(), count);
    await stable();
  }

  it("counts only drops that were not cancelled against the creator's allowance", () => {
    expect(text(page().querySelector('fieldset'))).toContain('2,500 of 3,000 roses left');
  });

  it('shows the cost and the budget left before confirming', async () => {
    await pickStreamAndRoses('1500');
    expect(summary()).toEqual([
      'Drop cost: $150.00',
      'Budget left now: $200.00',
      'Left after this drop: $50.00',
      '',
    ]);

    button('Review and schedule', page()).click();
    await stable();
    expect(text(document.querySelector('mat-dialog-container'))).toContain(
      '$150.00 is held from the budget now ($50.00 left after it)',
    );
    button('Schedule drop').click();
    const scheduled = await nextOperation('ScheduleBrandDrop');
    expect(scheduled.operation.variables['input']).toEqual({
      campaignId: 'camp-1',
      streamId: 'stream-live',
      trigger: 'MANUAL',
      roseCount: 1500,
      perViewerLimit: 1,
      claimWindowSeconds: 120,
      scheduledAt: null,
      milestoneRoses: null,
      couponPoolId: null,
    });
    scheduled.flushData({ scheduleDrop: { id: 'drop-9', status: 'SCHEDULED' } });
    await stable();
    expect(TestBed.inject(Router).url).toBe('/app/brand/campaigns/camp-1');
  });

  it('will not go over the budget or the allowance', async () => {
    await pickStreamAndRoses('2100');
    expect(summary()).toContain('Left after this drop: -$10.00');
    expect(summary()).toContain('More than the campaign has left.');
    expect(button('Review and schedule', page()).getAttribute('aria-disabled')).toBe('true');

    type(roses(), '2600');
    button('Review and schedule', page()).click();
    await stable();
    expect(rosesError()).toBe("Only 2,500 roses are left in this creator's allowance.");
  });

  it('asks for the time of a scheduled drop and shows the API error next to the field it names', async () => {
    await pickStreamAndRoses('100');
    radio('At a set time').click();
    await stable();
    button('Review and schedule', page()).click();
    await stable();
    const when = find<HTMLInputElement>('input[formcontrolname="scheduledAt"]', page());
    expect(text(when.closest('mat-form-field')?.querySelector('mat-error'))).toBe('Time is required.');

    radio('When I open it').click();
    await stable();
    button('Review and schedule', page()).click();
    await stable();
    button('Schedule drop').click();
    (await nextOperation('ScheduleBrandDrop')).graphqlErrors([
      graphqlError('BAD_USER_INPUT', 'bad', {
        fields: [
          { field: 'input.roseCount', message: "exceeds the creator's rose allowance (50 of 3000 left)" },
        ],
      }),
    ]);
    await stable();
    expect(rosesError()).toBe("exceeds the creator's rose allowance (50 of 3000 left)");
  });
});
