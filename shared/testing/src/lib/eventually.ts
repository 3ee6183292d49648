type Check<T> = () => Promise<T | undefined | false>;

/**
 * Polls `check` until it returns something other than `undefined` or `false`, and returns that.
 * Fails after `timeoutMs`, naming `what` was awaited when given.
 */
export async function eventually<T>(
  what: string,
  check: Check<T>,
  timeoutMs?: number,
  everyMs?: number,
): Promise<T>;
export async function eventually<T>(check: Check<T>, timeoutMs?: number, everyMs?: number): Promise<T>;
export async function eventually<T>(
  ...args: [string, Check<T>, number?, number?] | [Check<T>, number?, number?]
): Promise<T> {
  const [what, check, timeoutMs = 30_000, everyMs = 100] =
    typeof args[0] === 'string'
      ? (args as [string, Check<T>, number?, number?])
      : (['the condition', ...args] as [string, Check<T>, number?, number?]);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
