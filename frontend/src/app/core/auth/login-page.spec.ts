import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { print } from 'graphql';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { nextOperation } from '../../../testing/graphql-testing';
import { AuthStore } from './auth-store';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let controller: ApolloTestingController;

  beforeEach(async () => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginPage, ApolloTestingModule],
      providers: [provideRouter([])],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
  });

  afterEach(() => controller.verify());

  const page = (): HTMLElement => fixture.nativeElement;
  const find = <T extends Element>(selector: string): T => {
    const element = page().querySelector<T>(selector);
    if (!element) throw new Error(`Nothing matches ${selector}`);
    return element;
  };
  const input = (name: string) => find<HTMLInputElement>(`input[formcontrolname="${name}"]`);
  const fieldError = (name: string): string | undefined =>
    input(name).closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim();

  async function fill(email: string, password: string): Promise<void> {
    for (const [name, value] of [
      ['email', email],
      ['password', password],
    ]) {
      input(name).value = value;
      input(name).dispatchEvent(new Event('input'));
      input(name).dispatchEvent(new Event('blur'));
    }
    await fixture.whenStable();
  }

  /** Clicks submit; the app stays busy until the test answers the request, so no whenStable here. */
  function submit(): void {
    find<HTMLButtonElement>('button[type="submit"]').click();
  }

  it('refuses a short password without calling the API', async () => {
    await fill('ana@brand.test', 'short');
    submit();
    await fixture.whenStable();

    expect(input('password').getAttribute('aria-invalid')).toBe('true');
    expect(fieldError('password')).toBe('Password must be at least 10 characters.');
    controller.expectNone('LogIn');
  });

  it('sends the typed logIn mutation, keeps the session and opens the portal', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await fill('ana@brand.test', 'correct horse battery');
    submit();

    const request = await nextOperation('LogIn');
    expect(print(request.operation.query)).toContain('logIn(email: $email, password: $password)');
    expect(request.operation.variables).toEqual({
      email: 'ana@brand.test',
      password: 'correct horse battery',
    });
    const user = { id: 'u1', email: 'ana@brand.test', displayName: 'Ana' };
    request.flushData({
      logIn: { accessToken: 'a', refreshToken: 'r', expiresAt: '2030-01-01T00:00:00Z', user },
    });
    await fixture.whenStable();

    expect(TestBed.inject(AuthStore).user()).toEqual(user);
    expect(navigate).toHaveBeenCalledWith('/app');
  });

  it('shows a GraphQL field error next to the field it names', async () => {
    await fill('ana@brand.test', 'correct horse battery');
    submit();

    (await nextOperation('LogIn')).graphqlErrors([
      {
        message: 'Invalid input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [{ field: 'email', message: 'No account uses this email.' }],
        },
      },
    ]);
    await fixture.whenStable();

    expect(fieldError('email')).toBe('No account uses this email.');
    expect(input('email').getAttribute('aria-invalid')).toBe('true');
    expect(page().querySelector('[role="alert"]')).toBeNull();
  });

  it('shows an error without fields at the top of the form', async () => {
    await fill('ana@brand.test', 'wrong password 123');
    submit();

    (await nextOperation('LogIn')).graphqlErrors([
      { message: 'Email or password is wrong.', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    await fixture.whenStable();

    expect(page().querySelector('[role="alert"]')?.textContent?.trim()).toBe('Email or password is wrong.');
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(false);
  });
});
