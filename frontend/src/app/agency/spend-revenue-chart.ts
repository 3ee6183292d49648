import type { Money } from '@bouquet/shared';
import type { EChartsCoreOption } from 'echarts/core';
import { formatMoneyValue, formatRoi } from '../shared-ui/formats';

/** One bar pair: what was spent on something and the revenue attributed back to it. */
export interface SpendRevenueRow {
  name: string;
  spend: Money;
  revenue: Money;
  roi: number | null;
}

/** Axis labels: whole amounts, compact past a thousand ("$800", "$12K"). */
export function axisMoney(currency: string): (value: unknown) => string {
  const format = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return (value) => format.format(Number(value));
}

/** Height that gives each row of the chart room for its two bars. */
export function spendRevenueHeight(rows: number): number {
  return 72 + rows * 56;
}

/**
 * Spend and attributed revenue side by side per row (brands, creators), with ROI at the end of each row.
 * Horizontal bars keep long names readable on a phone. All rows must share one currency.
 */
export function spendRevenueChart(rows: readonly SpendRevenueRow[]): EChartsCoreOption {
  const currency = rows[0]?.spend.currency ?? 'USD';
  const money = (value: unknown) => formatMoneyValue({ amount: String(value), currency }, 'compact');
  return {
    // Room on the right for the ROI labels, which containLabel does not count.
    grid: { left: 8, right: 76, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 8 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: money },
    // Few ticks, and none printed over another: a phone is 390 px wide and amounts like "$12.5K" are long.
    xAxis: {
      type: 'value',
      axisLabel: { formatter: axisMoney(currency), hideOverlap: true },
      splitNumber: 3,
    },
    yAxis: { type: 'category', data: rows.map((row) => row.name), inverse: true, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: 'Spend',
        data: rows.map((row) => Number(row.spend.amount)),
        barMaxWidth: 18,
        itemStyle: { borderRadius: [0, 4, 4, 0] },
      },
      {
        type: 'bar',
        name: 'Attributed revenue',
        data: rows.map((row) => Number(row.revenue.amount)),
        barMaxWidth: 18,
        itemStyle: { borderRadius: [0, 4, 4, 0] },
        label: {
          show: true,
          position: 'right',
          formatter: ({ dataIndex }: { dataIndex: number }) => `ROI ${formatRoi(rows[dataIndex]?.roi)}`,
        },
      },
    ],
  };
}
