import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingModule } from 'apollo-angular/testing';
import { HEALTH_URL } from '../health/system-status';
import { LandingPage } from './landing-page';

describe('LandingPage', () => {
  let fixture: ComponentFixture<LandingPage>;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [LandingPage, ApolloTestingModule],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LandingPage);
    fixture.detectChanges(); // not whenStable: the health request keeps the app busy until answered
  });

  afterEach(() => http.verify());

  const page = (): HTMLElement => fixture.nativeElement;
  const statusCard = (): string => page().querySelector('app-system-status')?.textContent ?? '';

  async function answerHealth(status: number, body: object): Promise<void> {
    http
      .expectOne(HEALTH_URL)
      .flush(body, { status, statusText: status === 200 ? 'OK' : 'Service Unavailable' });
    await fixture.whenStable();
  }

  it('explains the product and links to log in and sign up', async () => {
    await answerHealth(200, { status: 'ok' });

    expect(page().querySelector('h1')?.textContent).toContain('Sponsored rose drops');
    const headings = [...page().querySelectorAll('h2')].map((h) => h.textContent?.trim());
    expect(headings).toEqual(expect.arrayContaining(['For brands', 'For creators', 'For agencies']));
    const links = [...page().querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(expect.arrayContaining(['/login', '/signup']));
  });

  it('says all systems are operational when /health/ready answers 200', async () => {
    expect(statusCard()).toContain('Checking');

    await answerHealth(200, {
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });

    expect(statusCard()).toContain('All systems operational');
    expect(page().querySelector('[aria-label="Failing checks"]')).toBeNull();
  });

  it('says degraded and lists the failing checks when /health/ready answers 503', async () => {
    await answerHealth(503, {
      status: 'error',
      info: { database: { status: 'up' } },
      error: { redis: { status: 'down' } },
    });

    expect(statusCard()).toContain('Degraded');
    const failing = [...page().querySelectorAll('[aria-label="Failing checks"] li')].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(failing).toEqual(['redis is down']);
  });

  it('checks again on request', async () => {
    await answerHealth(503, { status: 'error', error: { database: { status: 'down' } } });
    const button = [...page().querySelectorAll('button')].find((b) => b.textContent?.includes('Check again'));

    button?.click();
    fixture.detectChanges();
    expect(statusCard()).toContain('Checking');
    await answerHealth(200, { status: 'ok', info: {} });

    expect(statusCard()).toContain('All systems operational');
  });
});
