import { errorCode, signUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }`;
const valid = () => ({
  email: `valid${Date.now()}${Math.random().toString(36).slice(2)}@example.com`,
  password: 'long enough password',
  displayName: 'Ann',
  organizationName: 'Ann Co',
  organizationKind: 'BRAND',
});

describe('sign-up input', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const count = async () => Number((await t.dataSource.query(`SELECT count(*) FROM users`))[0].count);

  it.each([
    ['input.email', { email: 'not-an-email' }],
    ['input.email', { email: `${'a'.repeat(250)}@example.com` }],
    ['input.password', { password: 'short' }],
    ['input.password', { password: 'x'.repeat(10_000) }],
    ['input.displayName', { displayName: 'x'.repeat(10_000) }],
    ['input.displayName', { displayName: '   ' }],
    ['input.organizationName', { organizationName: 'x'.repeat(10_000) }],
    ['input.creatorHandle', { organizationKind: 'CREATOR' }],
    ['input.creatorHandle', { organizationKind: 'CREATOR', creatorHandle: 'has spaces!' }],
  ])('names %s and stores nothing', async (field, override) => {
    const before = await count();
    const res = await t.gql(SIGN_UP, { input: { ...valid(), ...override } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
    expect(await count()).toBe(before);
  });

  it('refuses a taken email, whatever its case', async () => {
    const user = await signUp(t);
    const res = await t.gql(SIGN_UP, { input: { ...valid(), email: user.email.toUpperCase() } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fields).toEqual([
      { field: 'input.email', message: 'email is already registered' },
    ]);
  });

  it('refuses an unknown organization kind as bad input', async () => {
    const res = await t.gql(SIGN_UP, { input: { ...valid(), organizationKind: 'BANK' } });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});
