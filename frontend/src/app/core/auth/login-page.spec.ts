import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { GRAPHQL_URL } from '../graphql/graphql-client';
import { AuthStore } from './auth-store';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;

  beforeEach(async () => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

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
    http.expectNone(GRAPHQL_URL);
  });

  it('sends the logIn mutation, keeps the session and goes home', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await fill('ana@brand.test', 'correct horse battery');
    submit();

    const request = http.expectOne(GRAPHQL_URL);
    expect(request.request.body.query).toContain('logIn(email: $email, password: $password)');
    expect(request.request.body.variables).toEqual({
      email: 'ana@brand.test',
      password: 'correct horse battery',
    });
    const user = { id: 'u1', email: 'ana@brand.test', displayName: 'Ana' };
    request.flush({
      data: { logIn: { accessToken: 'a', refreshToken: 'r', expiresAt: '2030-01-01T00:00:00Z', user } },
    });
    await fixture.whenStable();

    expect(TestBed.inject(AuthStore).user()).toEqual(user);
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('shows a GraphQL field error next to the field it names', async () => {
    await fill('ana@brand.test', 'correct horse battery');
    submit();

    http.expectOne(GRAPHQL_URL).flush({
      data: null,
      errors: [
        {
          message: 'Invalid input',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [{ field: 'email', message: 'No account uses this email.' }],
          },
        },
      ],
    });
    await fixture.whenStable();

    expect(fieldError('email')).toBe('No account uses this email.');
    expect(input('email').getAttribute('aria-invalid')).toBe('true');
    expect(page().querySelector('[role="alert"]')).toBeNull();
  });

  it('shows an error without fields at the top of the form', async () => {
    await fill('ana@brand.test', 'wrong password 123');
    submit();

    http.expectOne(GRAPHQL_URL).flush({
      data: null,
      errors: [{ message: 'Email or password is wrong.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    await fixture.whenStable();

    expect(page().querySelector('[role="alert"]')?.textContent?.trim()).toBe('Email or password is wrong.');
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(false);
  });
});
