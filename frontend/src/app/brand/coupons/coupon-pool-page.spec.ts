import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { button, text } from '../../../testing/dom';
import { nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import type { BrandCouponPoolQuery, ExportFieldsFragment } from '../../core/graphql/generated';
import { ExportDownload } from '../../shared-ui/exports/export-download';
import { PROGRESS_POLL_MS } from '../../shared-ui/polling';
import { CouponPoolPage } from './coupon-pool-page';

function aPool(
  overrides: Partial<BrandCouponPoolQuery['couponPool']> = {},
): BrandCouponPoolQuery['couponPool'] {
  return {
    id: 'pool-1',
    name: 'Spring codes',
    codePrefix: 'GLOW',
    codeLength: 8,
    discountType: 'PERCENT',
    discountValue: '15',
    size: 1000,
    generatedCount: 0,
    generationStatus: 'PENDING',
    issuedCount: 0,
    redemptionCount: 0,
    usageLimitPerCode: 1,
    perCustomerLimit: null,
    startsAt: null,
    expiresAt: null,
    createdAt: '2026-11-20T10:00:00Z',
    creator: null,
    campaign: { id: 'camp-1', name: 'Spring Glow', status: 'ACTIVE', budget: { currency: 'USD' } },
    ...overrides,
  };
}

const codes = (n: number) => ({
  couponCodes: {
    totalCount: n,
    pageInfo: { endCursor: n ? 'c1' : null, hasNextPage: false },
    nodes: Array.from({ length: n }, (_, i) => ({
      code: `GLOW${String(i).padStart(8, 'A')}`,
      status: 'AVAILABLE' as const,
      issuedAt: null,
      redemptionCount: 0,
    })),
  },
});

const anExport = (overrides: Partial<ExportFieldsFragment>): ExportFieldsFragment => ({
  id: 'exp-1',
  kind: 'COUPON_CODES',
  status: 'PENDING',
  rowCount: null,
  downloadUrl: null,
  createdAt: '2026-11-20T10:00:00Z',
  ...overrides,
});

describe('CouponPoolPage', () => {
  let fixture: ComponentFixture<CouponPoolPage>;
  let controller: ApolloTestingController;
  const save = jest.fn().mockResolvedValue(undefined);

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [CouponPoolPage, ApolloTestingModule],
      providers: [
        noAnimations,
        provideRouter([]),
        { provide: PROGRESS_POLL_MS, useValue: 5 },
        { provide: ExportDownload, useValue: { save } },
      ],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(CouponPoolPage);
    fixture.componentRef.setInput('campaignId', 'camp-1');
    fixture.componentRef.setInput('poolId', 'pool-1');
    fixture.detectChanges();
  });

  afterEach(() => controller.verify());

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  /** Waits past one poll interval, then returns the operation the poll sent. */
  async function polled(operationName: string) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    return nextOperation(operationName);
  }

  const page = (): HTMLElement => fixture.nativeElement;
  const bar = () => page().querySelector('.generation mat-progress-bar');

  it('follows code generation until done, then lists the codes', async () => {
    (await nextOperation('BrandCouponPool')).flushData({ couponPool: aPool() });
    (await nextOperation('BrandCouponCodes')).flushData(codes(0));
    await stable();
    expect(text(page().querySelector('.generation'))).toContain('0 of 1,000 codes (0%)');

    (await polled('BrandCouponPoolProgress')).flushData({
      couponPool: {
        id: 'pool-1',
        generatedCount: 400,
        generationStatus: 'RUNNING',
        issuedCount: 0,
        redemptionCount: 0,
      },
    });
    (await nextOperation('BrandCouponCodes')).flushData(codes(3)); // the first page fills as codes arrive
    await stable();
    expect(bar()?.getAttribute('aria-valuenow')).toBe('40');
    expect(text(page().querySelector('.generation'))).toContain('400 of 1,000 codes (40%)');
    expect(page().querySelectorAll('tbody tr')).toHaveLength(3);

    (await polled('BrandCouponPoolProgress')).flushData({
      couponPool: {
        id: 'pool-1',
        generatedCount: 1000,
        generationStatus: 'DONE',
        issuedCount: 0,
        redemptionCount: 0,
      },
    });
    (await nextOperation('BrandCouponCodes')).flushData(codes(5));
    await stable();
    expect(page().querySelector('.generation')).toBeNull();
    expect(page().querySelectorAll('tbody tr')).toHaveLength(5);
    await new Promise((resolve) => setTimeout(resolve, 25));
    controller.expectNone('BrandCouponPoolProgress'); // no more polling once done
  });

  it('exports every code to CSV with a progress bar, then downloads the file', async () => {
    (await nextOperation('BrandCouponPool')).flushData({
      couponPool: aPool({ generatedCount: 1000, generationStatus: 'DONE' }),
    });
    (await nextOperation('BrandCouponCodes')).flushData(codes(2));
    await stable();

    button('Export codes (CSV)', page()).click();
    const started = await nextOperation('BrandExportCouponCodes');
    expect(started.operation.variables).toEqual({ poolId: 'pool-1' });
    started.flushData({ exportCouponCodes: anExport({}) });
    (await polled('ExportStatus')).flushData({ export: anExport({ status: 'RUNNING', rowCount: 250 }) });
    await stable();
    const progress = page().querySelector('app-export-button mat-progress-bar');
    expect(progress?.getAttribute('aria-valuenow')).toBe('25');
    expect(text(page().querySelector('app-export-button'))).toContain('250 of 1,000 rows written');

    (await polled('ExportStatus')).flushData({
      export: anExport({ status: 'DONE', rowCount: 1000, downloadUrl: '/v1/exports/exp-1/download' }),
    });
    await stable();
    expect(text(page().querySelector('app-export-button'))).toContain('1,000 rows ready');
    button('Download CSV', page()).click();
    await stable();
    expect(save).toHaveBeenCalledWith('/v1/exports/exp-1/download', 'Spring-codes.csv');
  });
});
