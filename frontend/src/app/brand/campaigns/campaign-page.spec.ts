import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { button, text } from '../../../testing/dom';
import { nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { PAGE_REFRESH_MS } from '../../shared-ui/polling';
import { aCampaignPage, aDrop } from '../brand.fixtures';
import { CampaignPage } from './campaign-page';
import { campaignTimelineOption } from './campaign-timeline-chart';

describe('CampaignPage', () => {
  let fixture: ComponentFixture<CampaignPage>;
  let controller: ApolloTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [CampaignPage, ApolloTestingModule],
      providers: [noAnimations, provideRouter([])],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(CampaignPage);
    fixture.componentRef.setInput('campaignId', 'camp-1');
    fixture.detectChanges();
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
  const manualLive = aDrop();
  const manualUpcoming = aDrop({
    id: 'drop-2',
    stream: {
      ...aDrop().stream,
      id: 'stream-2',
      status: 'SCHEDULED',
      startedAt: null,
      title: 'Sunday reset',
    },
  });
  const done = aDrop({
    id: 'drop-3',
    status: 'COMPLETED',
    trigger: 'GIFT_MILESTONE',
    milestoneRoses: 1000,
    claimedRoses: 40,
    roseCount: 40,
  });

  async function load(): Promise<void> {
    (await nextOperation('BrandCampaignPage')).flushData(aCampaignPage());
    controller.expectOne('BrandCampaignOffers').flushData({ offers: { totalCount: 0, nodes: [] } });
    controller
      .expectOne('BrandCampaignDrops')
      .flushData({ drops: { totalCount: 3, nodes: [manualLive, manualUpcoming, done] } });
    const timeline = await nextOperation('BrandStreamTimeline');
    expect(timeline.operation.variables).toEqual({ streamId: 'stream-1', bucketSeconds: 60 });
    timeline.flushData({ streamTimeline: [] });
    await stable();
  }

  it('shows the headline numbers: spend, remaining, redemptions, revenue, ROI and ROAS', async () => {
    await load();
    const cards = [...page().querySelectorAll('app-kpi-card')].map(
      (card) => `${text(card.querySelector('.label'))}: ${text(card.querySelector('.value'))}`,
    );
    expect(cards).toEqual([
      'Spend: $1,500.00',
      'Remaining: $23K',
      'Redemptions: 77',
      'Revenue: $6,720.00',
      'ROI: +348%',
      'ROAS: 4.48×',
    ]);
    expect(text(page().querySelector('app-kpi-card:nth-child(3) .hint'))).toBe(
      '$19.48 each · 28.5% of claims',
    );
    expect(page().querySelector('app-kpi-card:nth-child(5) .value')?.className).toContain('tone-positive');
  });

  it('offers to open a manual drop only while its stream is live, and cancels with a confirmation', async () => {
    await load();
    const rows = [...page().querySelectorAll<HTMLElement>('tbody tr')];
    expect(text(rows[0])).toContain('Open now');
    expect(text(rows[1])).not.toContain('Open now');
    expect(text(rows[2])).toContain('at 1,000 gifted roses');
    expect(text(rows[2])).not.toContain('Cancel');

    button('Cancel', rows[1]).click();
    await stable();
    expect(text(document.querySelector('mat-dialog-container'))).toContain('$5.00 reserved for it goes back');
    button('Cancel drop').click();
    const cancel = await nextOperation('BrandCancelDrop');
    expect(cancel.operation.variables).toEqual({ id: 'drop-2' });
    cancel.flushData({ cancelDrop: { ...manualUpcoming, status: 'CANCELLED' } });
    // Money moved: the page reloads its numbers.
    (await nextOperation('BrandCampaignPage')).flushData(aCampaignPage());
    controller.expectOne('BrandCampaignOffers').flushData({ offers: { totalCount: 0, nodes: [] } });
    controller.expectOne('BrandCampaignDrops').flushData({
      drops: { totalCount: 3, nodes: [manualLive, { ...manualUpcoming, status: 'CANCELLED' }, done] },
    });
    await stable();
    expect(text(page().querySelectorAll('tbody tr')[1])).toContain('Cancelled');
  });
});

describe('CampaignPage while open', () => {
  it('re-reads the numbers and the timeline every few seconds, and stops when the page goes', async () => {
    TestBed.configureTestingModule({
      imports: [CampaignPage, ApolloTestingModule],
      providers: [noAnimations, provideRouter([]), { provide: PAGE_REFRESH_MS, useValue: 30 }],
    });
    const controller = TestBed.inject(ApolloTestingController);
    const fixture = TestBed.createComponent(CampaignPage);
    fixture.componentRef.setInput('campaignId', 'camp-1');
    fixture.detectChanges();
    const bucket = (minute: number, giftedRoses: number) => ({
      at: `2026-11-20T20:0${minute}:00.000Z`,
      giftedRoses,
      claimedRoses: 0,
      claims: 0,
      redemptions: 0,
      viewers: 40,
    });
    const answer = async (timeline: ReturnType<typeof bucket>[]) => {
      (await nextOperation('BrandCampaignPage')).flushData(aCampaignPage());
      controller.expectOne('BrandCampaignOffers').flushData({ offers: { totalCount: 0, nodes: [] } });
      controller.expectOne('BrandCampaignDrops').flushData({ drops: { totalCount: 1, nodes: [aDrop()] } });
      (await nextOperation('BrandStreamTimeline')).flushData({ streamTimeline: timeline });
      await settle();
      await fixture.whenStable();
    };
    const caption = () => text(fixture.nativeElement.querySelector('.caption'));

    await answer([bucket(0, 4)]);
    expect(caption()).toMatch(/^1 minute: 4 roses gifted/);

    await new Promise((resolve) => setTimeout(resolve, 40));
    await answer([bucket(0, 4), bucket(1, 60)]);
    expect(caption()).toMatch(/^2 minutes: 64 roses gifted/);
    expect(fixture.nativeElement.querySelector('mat-progress-bar[mode="indeterminate"]')).toBeNull(); // quiet

    fixture.destroy();
    await new Promise((resolve) => setTimeout(resolve, 80));
    controller.verify();
  });
});

describe('campaign timeline chart', () => {
  it('draws a line per drop and a band per gifting spike', () => {
    const option = campaignTimelineOption(
      [
        {
          at: '2026-11-20T20:00:00.000Z',
          giftedRoses: 4,
          claimedRoses: 0,
          claims: 0,
          redemptions: 0,
          viewers: 40,
        },
        {
          at: '2026-11-20T20:01:00.000Z',
          giftedRoses: 60,
          claimedRoses: 30,
          claims: 30,
          redemptions: 2,
          viewers: 55,
        },
      ],
      [
        aDrop({ openedAt: '2026-11-20T20:01:00.000Z', roseCount: 500 }),
        aDrop({ id: 'never', scheduledAt: null }),
      ],
      [
        {
          startedAt: '2026-11-20T20:01:00.000Z',
          endedAt: '2026-11-20T20:02:00.000Z',
          factor: 15,
          giftedRoses: 60,
          baseline: 4,
          stream: { id: 'stream-1' },
          nearDrop: { id: 'drop-1' },
        },
      ],
    ) as {
      xAxis: { minInterval: number; axisLabel: { formatter: Record<string, string> } };
      series: {
        name: string;
        showSymbol?: boolean;
        data: number[][];
        markLine?: { data: unknown[] };
        markArea?: { data: unknown[]; itemStyle: { color: string }; label: { color?: string } };
      }[];
    };
    const gifted = option.series[0];
    // Minute buckets: no sub-minute ticks, and labels without seconds.
    expect(option.xAxis.minInterval).toBe(60_000);
    expect(option.xAxis.axisLabel.formatter['second']).toBe('{HH}:{mm}');
    expect(gifted.showSymbol).toBe(false);
    expect(gifted.data).toEqual([
      [Date.parse('2026-11-20T20:00:00.000Z'), 4],
      [Date.parse('2026-11-20T20:01:00.000Z'), 60],
    ]);
    expect(gifted.markLine?.data).toEqual([
      expect.objectContaining({ xAxis: Date.parse('2026-11-20T20:01:00.000Z'), name: 'Drop of 500 roses' }),
    ]);
    expect(gifted.markArea?.data).toEqual([
      [
        expect.objectContaining({ name: 'Spike ×15.0', xAxis: Date.parse('2026-11-20T20:01:00.000Z') }),
        { xAxis: Date.parse('2026-11-20T20:02:00.000Z') },
      ],
    ]);
    // The spike's label is read on its band (over the white card): WCAG AA for normal text.
    expect(
      contrastRatio(
        gifted.markArea?.label.color ?? gifted.markArea?.itemStyle.color ?? '',
        gifted.markArea?.itemStyle.color ?? '',
      ),
    ).toBeGreaterThanOrEqual(4.5);
    expect(option.series.map((s) => s.name)).toEqual([
      'Roses gifted',
      'Roses claimed',
      'Redemptions',
      'Viewers',
    ]);
  });
});

/** WCAG contrast of a text colour (#rrggbb or rgba) on a fill (rgba composited over white). */
function contrastRatio(text: string, fill: string): number {
  const rgb = (color: string): number[] => {
    const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
    if (hex) return hex.slice(1).map((h) => parseInt(h, 16));
    const [r, g, b, a = 1] = (/rgba?\(([^)]+)\)/.exec(color)?.[1] ?? '').split(',').map(Number);
    return [r, g, b].map((c) => c * a + 255 * (1 - a));
  };
  const luminance = (color: string) => {
    const [r, g, b] = rgb(color).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(text), luminance(fill)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}
