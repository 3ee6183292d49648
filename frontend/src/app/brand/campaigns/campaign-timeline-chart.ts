import type { EChartsCoreOption } from 'echarts/core';
import { SERIES_COLORS } from '../../shared-ui/charts/chart';
import { formatCount } from '../../shared-ui/formats';
import type { CampaignDrop, CampaignReport, TimelineBucket } from './campaign-store';

export type Spike = CampaignReport['spikes'][number];

/** When a drop shows on a timeline: when it opened, else when it is scheduled to. */
export function dropMoment(drop: CampaignDrop): string | null {
  return drop.openedAt ?? drop.scheduledAt;
}

const SPIKE_FILL = 'rgba(245, 166, 35, 0.22)';
/** The band's label: ECharts would paint it in the band's own pale fill, unreadable on it. */
const SPIKE_TEXT = '#8a4b00';
const DROP_LINE = '#7e57c2';
/** Time-axis labels by tick level: minute buckets, so minute and second ticks both read HH:mm. */
export const TIME_LABELS = {
  year: '{yyyy}',
  month: '{MMM}',
  day: '{MMM} {d}',
  hour: '{HH}:{mm}',
  minute: '{HH}:{mm}',
  second: '{HH}:{mm}',
  millisecond: '{HH}:{mm}',
};

/**
 * One stream of a campaign, minute by minute: roses gifted (area) and claimed from drops (bars) on the left
 * axis, redemptions alongside, viewers on the right; a labelled line where each drop opened and a shaded
 * band over each gifting spike.
 */
export function campaignTimelineOption(
  buckets: readonly TimelineBucket[],
  drops: readonly CampaignDrop[],
  spikes: readonly Spike[],
): EChartsCoreOption {
  const point = (pick: (bucket: TimelineBucket) => number) =>
    buckets.map((bucket) => [Date.parse(bucket.at), pick(bucket)]);
  const dropLines = drops.flatMap((drop) => {
    const at = dropMoment(drop);
    return at
      ? [
          {
            name: `Drop of ${formatCount(drop.roseCount)} roses`,
            xAxis: Date.parse(at),
            label: { formatter: `Drop ${formatCount(drop.roseCount)}` },
          },
        ]
      : [];
  });
  // A line needs two points: with one minute of data, show the point itself.
  const lonely = buckets.length === 1;
  const spikeBands = spikes.map((spike) => [
    { name: `Spike ×${spike.factor.toFixed(1)}`, xAxis: Date.parse(spike.startedAt) },
    { xAxis: Date.parse(spike.endedAt) },
  ]);
  return {
    color: [SERIES_COLORS[0], SERIES_COLORS[1], SERIES_COLORS[3], SERIES_COLORS[2]],
    grid: { left: 48, right: 56, top: 48, bottom: 56 },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'line' } },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    xAxis: {
      type: 'time',
      // The stream's minutes and one on each side: a single minute of data must not stretch to days.
      min: buckets.length ? Date.parse(buckets[0].at) - 60_000 : undefined,
      max: buckets.length ? Date.parse(buckets[buckets.length - 1].at) + 60_000 : undefined,
      // Buckets are minutes: no ticks between them, and no seconds in the labels.
      minInterval: 60_000,
      axisLabel: { hideOverlap: true, formatter: TIME_LABELS },
    },
    yAxis: [
      { type: 'value', name: 'per minute', minInterval: 1 },
      { type: 'value', name: 'viewers', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: 'Roses gifted',
        type: 'line',
        showSymbol: lonely,
        areaStyle: { opacity: 0.18 },
        data: point((b) => b.giftedRoses),
        markLine: {
          symbol: ['none', 'none'],
          lineStyle: { color: DROP_LINE, type: 'solid', width: 2 },
          label: { position: 'insideEndTop', color: DROP_LINE, fontWeight: 600 },
          data: dropLines,
        },
        markArea: {
          itemStyle: { color: SPIKE_FILL },
          label: { position: 'insideTop', color: SPIKE_TEXT, fontWeight: 600 },
          data: spikeBands,
        },
      },
      { name: 'Roses claimed', type: 'bar', barMaxWidth: 8, data: point((b) => b.claimedRoses) },
      {
        name: 'Redemptions',
        type: 'line',
        showSymbol: lonely,
        step: 'middle',
        data: point((b) => b.redemptions),
      },
      {
        name: 'Viewers',
        type: 'line',
        yAxisIndex: 1,
        showSymbol: lonely,
        lineStyle: { type: 'dashed', width: 1.5 },
        data: point((b) => b.viewers),
      },
    ],
  };
}

/** The same story in one sentence, for screen readers and as the chart's caption. */
export function campaignTimelineSummary(
  buckets: readonly TimelineBucket[],
  drops: readonly CampaignDrop[],
  spikes: readonly Spike[],
): string {
  if (buckets.length === 0) return 'No activity recorded for this stream yet.';
  const sum = (pick: (bucket: TimelineBucket) => number) => buckets.reduce((total, b) => total + pick(b), 0);
  const peak = Math.max(...buckets.map((b) => b.viewers));
  return (
    `${buckets.length} ${buckets.length === 1 ? 'minute' : 'minutes'}: ${formatCount(sum((b) => b.giftedRoses))} roses gifted, ` +
    `${formatCount(sum((b) => b.claimedRoses))} claimed from ${drops.length} ` +
    `${drops.length === 1 ? 'drop' : 'drops'}, ${formatCount(sum((b) => b.redemptions))} redemptions, ` +
    `up to ${formatCount(peak)} viewers; ${spikes.length} gifting ${spikes.length === 1 ? 'spike' : 'spikes'}.`
  );
}
