import { IsString } from 'class-validator';
import { BadUserInputError } from '../errors';
import { ApiValidationPipe, unstorableTextAt } from './validation.pipe';

class ClaimBody {
  @IsString() viewerId!: string;
}

describe('ApiValidationPipe', () => {
  const pipe = new ApiValidationPipe();
  const refusal = async (value: unknown, metadata: Parameters<ApiValidationPipe['transform']>[1]) => {
    const error = await Promise.resolve()
      .then(() => pipe.transform(value, metadata))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).fields;
  };

  it('names the field holding a NUL character, in bodies, params and GraphQL args of any type', async () => {
    expect(unstorableTextAt({ events: [{ a: 'ok' }, { viewerId: 'x\u0000' }] }, '')).toEqual({
      field: 'events[1].viewerId',
      message: expect.stringMatching(/NUL/),
    });
    expect(unstorableTextAt('fine', 'id')).toBeNull();
    expect(await refusal({ viewerId: 'a\u0000b' }, { type: 'body', metatype: ClaimBody })).toEqual([
      { field: 'viewerId', message: expect.stringMatching(/NUL/) },
    ]);
    expect(await refusal('drop\u0000', { type: 'param', metatype: String, data: 'id' })).toEqual([
      { field: 'id', message: expect.stringMatching(/NUL/) },
    ]);
    expect(
      await refusal({ name: '\u0000' }, { type: '3' as never, metatype: Object, data: 'input' }),
    ).toEqual([{ field: 'input.name', message: expect.stringMatching(/NUL/) }]);
  });

  it('names the field holding a lone surrogate, which Postgres would store as another character', async () => {
    // A pair is one character (an emoji) and passes; either half alone is refused.
    expect(unstorableTextAt({ viewerId: 'rose \ud83c\udf39' }, '')).toBeNull();
    for (const lone of ['\ud800', 'a\udc00', '\udf39\ud83c'])
      expect(await refusal({ viewerId: lone }, { type: 'body', metatype: ClaimBody })).toEqual([
        { field: 'viewerId', message: expect.stringMatching(/lone surrogate/) },
      ]);
    expect(
      await refusal(
        { events: [{ id: 'e1' }, { id: '\ud800' }] },
        { type: '3' as never, metatype: Object, data: 'input' },
      ),
    ).toEqual([{ field: 'input.events[1].id', message: expect.stringMatching(/lone surrogate/) }]);
  });

  it('treats a missing body as empty and refuses a body that is not a JSON object', async () => {
    expect(await refusal(undefined, { type: 'body', metatype: ClaimBody })).toEqual([
      { field: 'viewerId', message: expect.any(String) },
    ]);
    for (const body of [[], 'text', 42])
      expect(await refusal(body, { type: 'body', metatype: ClaimBody })).toEqual([
        { field: 'body', message: 'the request body must be a JSON object' },
      ]);
  });
});
