import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { GRAPHQL_URL } from '../graphql/graphql-client';
import { SignupPage } from './signup-page';

describe('SignupPage', () => {
  let fixture: ComponentFixture<SignupPage>;
  let http: HttpTestingController;

  beforeEach(async () => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      imports: [SignupPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SignupPage);
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
  const submit = (): void => find<HTMLButtonElement>('button[type="submit"]').click();

  async function choose(kind: string): Promise<void> {
    find<HTMLInputElement>(`mat-radio-button input[value="${kind}"]`).click();
    await fixture.whenStable();
  }

  async function fill(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      input(name).value = value;
      input(name).dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();
  }

  const brandValues = {
    displayName: 'Ana',
    organizationName: 'Petal & Co',
    email: 'ana@petal.test',
    password: 'correct horse battery',
  };

  it('asks for a creator handle only from creators', async () => {
    await choose('BRAND');
    expect(page().querySelector('input[formcontrolname="creatorHandle"]')).toBeNull();

    await choose('CREATOR');
    await fill(brandValues);
    submit();
    await fixture.whenStable();

    const handleField = input('creatorHandle').closest('mat-form-field');
    expect(handleField?.querySelector('mat-error')?.textContent?.trim()).toBe('Creator handle is required.');
    http.expectNone(GRAPHQL_URL);
  });

  it('sends the signUp input and puts `input.email` errors on the email field', async () => {
    await choose('CREATOR');
    await fill({ ...brandValues, creatorHandle: '@rosie' });
    submit();

    const request = http.expectOne(GRAPHQL_URL);
    expect(request.request.body.variables).toEqual({
      input: { ...brandValues, organizationKind: 'CREATOR', creatorHandle: 'rosie' },
    });
    request.flush({
      data: null,
      errors: [
        {
          message: 'This email is already registered.',
          extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.email', message: '' }] },
        },
      ],
    });
    await fixture.whenStable();

    const emailField = input('email').closest('mat-form-field');
    expect(emailField?.querySelector('mat-error')?.textContent?.trim()).toBe(
      'This email is already registered.',
    );
  });
});
