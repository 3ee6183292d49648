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

  it('sends the items of one turn of the event loop together, at most max per run', async () => {
    const { group, runs, idle } = harness(async (items) => items.map((i) => `r${i}`));
    const answers = [1, 2, 3, 4, 5].map((i) => group.submit(i));
    expect(runs).toEqual([]);
    expect(await Promise.all(answers)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(runs).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(idle()).toBe(1);
    expect(group.idle).toBe(true);
  });

  it('starts a lone item at the end of the turn, not after a timer, and batches what arrives meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { group, runs } = harness(async (items) => {
      if (items[0] === 1) await held;
      return items.map((i) => `r${i}`);
    });
    const first = group.submit(1);
    await new Promise((turn) => setImmediate(turn));
    expect(runs).toEqual([[1]]);
    const later = [2, 3].map((i) => group.submit(i));
    release();
    expect(await Promise.all([first, ...later])).toEqual(['r1', 'r2', 'r3']);
    expect(runs).toEqual([[1], [2, 3]]);
  });

  it('answers null for the items a run left undecided, and for every item of a run that threw', async () => {
    const { group } = harness(async (items) => {
      if (items.includes(9)) throw new Error('statement failed');
      return items.map((i) => (i % 2 ? `odd ${i}` : null));
    });
    expect(await Promise.all([1, 2].map((i) => group.submit(i)))).toEqual(['odd 1', null]);
    expect(await Promise.all([1, 9, 3].map((i) => group.submit(i)))).toEqual([null, null, null]);
    expect(await group.submit(5)).toBe('odd 5');
  });
});
