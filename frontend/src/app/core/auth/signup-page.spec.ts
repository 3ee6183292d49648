import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { nextOperation } from '../../../testing/graphql-testing';
import { SignupPage } from './signup-page';

describe('SignupPage', () => {
  let fixture: ComponentFixture<SignupPage>;
  let controller: ApolloTestingController;

  beforeEach(async () => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      imports: [SignupPage, ApolloTestingModule],
      providers: [provideRouter([])],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(SignupPage);
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
    controller.expectNone('SignUp');
  });

  it('sends the signUp input and puts `input.email` errors on the email field', async () => {
    await choose('CREATOR');
    await fill({ ...brandValues, creatorHandle: '@rosie' });
    submit();

    const request = await nextOperation('SignUp');
    expect(request.operation.variables).toEqual({
      input: { ...brandValues, organizationKind: 'CREATOR', creatorHandle: 'rosie' },
    });
    request.graphqlErrors([
      {
        message: 'This email is already registered.',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.email', message: '' }] },
      },
    ]);
    await fixture.whenStable();

    const emailField = input('email').closest('mat-form-field');
    expect(emailField?.querySelector('mat-error')?.textContent?.trim()).toBe(
      'This email is already registered.',
    );
  });
});
