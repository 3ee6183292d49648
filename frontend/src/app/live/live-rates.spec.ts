import { addSample, claimsPerSecond } from './live-rates';

describe('claims per second', () => {
  it('is the growth of the counter over the last ten seconds', () => {
    const samples = [
      { at: 0, claims: 0 },
      { at: 5_000, claims: 30 },
      { at: 12_000, claims: 100 },
    ];
    // At 15 s the window starts at 5 s, when the counter stood at 30.
    expect(claimsPerSecond(samples, 15_000)).toBe(7);
  });

  it('decays to zero when claims stop', () => {
    const samples = [
      { at: 0, claims: 0 },
      { at: 2_000, claims: 40 },
    ];
    expect(claimsPerSecond(samples, 4_000)).toBe(10);
    expect(claimsPerSecond(samples, 30_000)).toBe(0);
  });

  it('measures over the time it has seen when it started watching recently, and never spikes on one sample', () => {
    expect(claimsPerSecond([{ at: 0, claims: 500 }], 3_000)).toBe(0);
    expect(
      claimsPerSecond(
        [
          { at: 0, claims: 500 },
          { at: 3_000, claims: 530 },
        ],
        4_000,
      ),
    ).toBe(7.5);
    expect(
      claimsPerSecond(
        [
          { at: 0, claims: 0 },
          { at: 100, claims: 20 },
        ],
        200,
      ),
    ).toBe(20); // at least one second
  });

  it('keeps only what a window can still need', () => {
    let samples = [{ at: 0, claims: 0 }];
    for (let t = 1_000; t <= 60_000; t += 1_000) samples = addSample(samples, { at: t, claims: t / 100 });
    expect(samples[0].at).toBeLessThanOrEqual(40_000);
    expect(samples.length).toBeLessThanOrEqual(22);
    expect(claimsPerSecond(samples, 60_000)).toBe(10);
  });
});
