import { liveChart } from './live-chart';
import { aBucket } from './live.fixtures';

type Option = {
  xAxis: { minInterval?: number };
  series: { name: string; type: string; showSymbol?: boolean }[];
};

const lines = (option: Option) => option.series.filter((series) => series.type === 'line');

describe('live chart', () => {
  it('ticks the time axis no finer than a minute, so early labels do not repeat the same minute', () => {
    const option = liveChart([aBucket('2026-11-24T18:00:00.000Z')], []) as Option;
    expect(option.xAxis.minInterval).toBe(60_000);
  });

  it('shows the point of a line that has only one minute of data', () => {
    const one = liveChart([aBucket('2026-11-24T18:00:00.000Z', { viewers: 12 })], []) as Option;
    expect(lines(one).map((line) => [line.name, line.showSymbol])).toEqual([
      ['Viewers', true],
      ['Roses claimed', true],
    ]);
    const two = liveChart(
      [aBucket('2026-11-24T18:00:00.000Z'), aBucket('2026-11-24T18:01:00.000Z')],
      [],
    ) as Option;
    expect(lines(two).every((line) => line.showSymbol === false)).toBe(true);
  });
});
