import { TurnsByKey } from './turns-by-key';

const tick = () => new Promise((r) => setImmediate(r));

describe('TurnsByKey', () => {
  it('runs the tasks of one key one at a time, in order, and those of other keys alongside', async () => {
    const turns = new TurnsByKey<string>();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const a = [turns.run('a', task('a1')), turns.run('a', task('a2')), turns.run('a', task('a3'))];
    const b = turns.run('b', task('b1'));
    expect(await Promise.all([...a, b])).toEqual(['a1', 'a2', 'a3', 'b1']);
    const ofA = log.filter((l) => / a\d$/.test(l));
    expect(ofA).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    expect(most).toBe(2);
    await tick();
    expect(turns.size).toBe(0);
  });

  it('hands each task the result of the one before it under its key', async () => {
    const turns = new TurnsByKey<number>();
    const seen: Array<number | undefined> = [];
    const add = (n: number) => async (previous: number | undefined) => {
      seen.push(previous);
      await tick();
      return (previous ?? 0) + n;
    };
    expect(
      await Promise.all([turns.run('k', add(1)), turns.run('k', add(2)), turns.run('k', add(3))]),
    ).toEqual([1, 3, 6]);
    expect(seen).toEqual([undefined, 1, 3]);
    await tick();
    // The chain is over: a later task starts afresh.
    expect(await turns.run('k', add(10))).toBe(10);
  });

  it('a failing task fails its own caller only; the next one runs, handed nothing', async () => {
    const turns = new TurnsByKey<string>();
    const failed = turns.run('k', async () => {
      throw new Error('deadlock');
    });
    const next = turns.run('k', async (previous) => `ran after ${String(previous)}`);
    await expect(failed).rejects.toThrow('deadlock');
    await expect(next).resolves.toBe('ran after undefined');
    await tick();
    expect(turns.size).toBe(0);
  });
});
