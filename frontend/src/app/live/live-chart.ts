import { formatDate } from '@angular/common';
import type { EChartsCoreOption } from 'echarts/core';
import type { LiveBucket, LiveDrop } from './live-monitor-store';

/** While live, the chart shows the last hour; an ended stream shows all of it. */
export const LIVE_WINDOW_MINUTES = 60;

/** The buckets the chart shows. */
export function visibleBuckets(buckets: readonly LiveBucket[], live: boolean): readonly LiveBucket[] {
  return live ? buckets.slice(-LIVE_WINDOW_MINUTES) : buckets;
}

/**
 * Roses gifted per minute (bars) and viewers (line, right axis), with a marker where each drop opened.
 * Times on a time axis, so quiet minutes and drop markers sit where they happened.
 */
export function liveChart(buckets: readonly LiveBucket[], drops: readonly LiveDrop[]): EChartsCoreOption {
  const newest = buckets.at(-1);
  const first = buckets[0] ? Date.parse(buckets[0].at) : 0;
  const last = newest ? Date.parse(newest.at) + 60_000 : 0;
  // One marker per minute, so drops opening together do not print over each other.
  const opened = new Map<number, number[]>();
  for (const drop of drops) {
    if (!drop.openedAt) continue;
    const at = Math.floor(Date.parse(drop.openedAt) / 60_000) * 60_000 + 30_000;
    if (at < first || at > last) continue;
    opened.set(at, [...(opened.get(at) ?? []), drop.roseCount]);
  }
  const markers = [...opened].map(([at, roses]) => ({
    xAxis: at,
    label: {
      formatter: `${roses.length > 1 ? 'Drops' : 'Drop'} ${roses.map((r) => r.toLocaleString('en-US')).join(' + ')}`,
      position: 'insideEndTop',
    },
  }));
  const many = buckets.length > 120;
  // A line needs two points: with one minute of data, show the point itself.
  const lonely = buckets.length === 1;
  return {
    // Redrawn on every tick: animating each redraw would make the bars grow from zero again and again.
    animation: false,
    grid: { left: 8, right: 8, top: 56, bottom: many ? 48 : 8, containLabel: true },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
    },
    xAxis: {
      type: 'time',
      min: first || undefined,
      max: last || undefined,
      // Buckets are minutes: without this, the first minutes get ticks every few seconds, all reading HH:mm.
      minInterval: 60_000,
      axisLabel: { formatter: (value: number) => formatDate(value, 'HH:mm', 'en-US'), hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: [
      { type: 'value', name: 'Roses / min', minInterval: 1, splitNumber: 4 },
      { type: 'value', name: 'Viewers', minInterval: 1, splitNumber: 4, splitLine: { show: false } },
    ],
    dataZoom: many ? [{ type: 'inside' }, { type: 'slider', height: 24, bottom: 8 }] : [],
    series: [
      {
        type: 'bar',
        name: 'Roses gifted',
        data: buckets.map((b) => [Date.parse(b.at) + 30_000, b.giftedRoses]),
        barMaxWidth: 14,
        itemStyle: { borderRadius: [3, 3, 0, 0] },
        markLine: markers.length
          ? { symbol: 'none', silent: true, lineStyle: { type: 'dashed', width: 1.5 }, data: markers }
          : undefined,
      },
      {
        type: 'line',
        name: 'Viewers',
        yAxisIndex: 1,
        data: buckets.map((b) => [Date.parse(b.at) + 30_000, b.viewers]),
        showSymbol: lonely,
        smooth: 0.3,
        lineStyle: { width: 2 },
      },
      {
        type: 'line',
        name: 'Roses claimed',
        data: buckets.map((b) => [Date.parse(b.at) + 30_000, b.claimedRoses]),
        showSymbol: lonely,
        step: 'middle',
        lineStyle: { width: 1.5, type: 'dotted' },
      },
    ],
  };
}
