import { eventually } from './eventually';

describe('eventually', () => {
  it('returns the first value that is neither undefined nor false', async () => {
    let calls = 0;
    const value = await eventually(
      'the third call',
      async () => (++calls >= 3 ? { calls } : undefined),
      5_000,
      1,
    );
    expect(value).toEqual({ calls: 3 });
  });

  it('accepts 0 and empty strings as values', async () => {
    expect(await eventually(async () => 0, 100)).toBe(0);
    expect(await eventually(async () => '', 100)).toBe('');
  });

  it('names what it waited for when the time is up', async () => {
    await expect(eventually('the drop to open', async () => false, 50, 10)).rejects.toThrow(
      'timed out after 0.05 s waiting for the drop to open',
    );
  });
});
