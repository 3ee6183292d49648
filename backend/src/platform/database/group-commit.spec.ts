import { GroupCommit } from './group-commit';

/** The batching rule itself, without a database: who goes together, and what a failed run answers. */
describe('GroupCommit', () => {
  function harness(run: (items: number[]) => Promise<(string | null)[]>) {
    const runs: number[][] = [];
    let idle = 0;
    const group = new GroupCommit<number, string>({
      max: 3,
      run: (items) => {
        runs.push(items);
        return run(items);
      },
      detach: (start) => start(),
      onIdle: () => idle++,
    });
    return { group, runs, idle: () => idle };
  }

  it('starts a lone item at once and sends the items arriving meanwhile together, at most max per run', async () => {
    const { group, runs, idle } = harness(async (items) => items.map((i) => `r${i}`));
    const first = group.submit(1);
    const rest = [2, 3, 4, 5].map((i) => group.submit(i));
    expect(runs).toEqual([[1]]);
    expect(await Promise.all([first, ...rest])).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(runs).toEqual([[1], [2, 3, 4], [5]]);
    expect(idle()).toBe(1);
    expect(group.idle).toBe(true);
  });

  it('answers null for the items a run left undecided, and for every item of a run that threw', async () => {
    const { group } = harness(async (items) => {
      if (items.includes(9)) throw new Error('statement failed');
      return items.map((i) => (i % 2 ? `odd ${i}` : null));
    });
    expect(await Promise.all([1, 2].map((i) => group.submit(i)))).toEqual(['odd 1', null]);
    expect(await Promise.all([1, 9, 3].map((i) => group.submit(i)))).toEqual(['odd 1', null, null]);
    expect(await group.submit(5)).toBe('odd 5');
  });
});
