import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { button, find, text } from '../../../testing/dom';
import { graphqlError, nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
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
    campaign: {
      id: 'camp-1',
      name: 'Spring Glow',
      status: 'ACTIVE',
      budget: { currency: 'USD' },
      offers: { nodes: [] },
    },
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

  describe('assigning the pool to a creator', () => {
    const cleo = { id: 'cr-1', handle: 'cleo', displayName: 'Cleo Rivera' };
    const max = { id: 'cr-2', handle: 'max', displayName: 'Max Stone' };
    const withCreators = (creator: typeof cleo | null = null) =>
      aPool({
        generatedCount: 1000,
        generationStatus: 'DONE',
        creator,
        campaign: {
          id: 'camp-1',
          name: 'Spring Glow',
          status: 'ACTIVE',
          budget: { currency: 'USD' },
          offers: {
            nodes: [
              { id: 'o-1', creator: cleo },
              { id: 'o-2', creator: max },
              { id: 'o-3', creator: cleo }, // an earlier accepted offer of the same creator
            ],
          },
        },
      });
    const panel = () => find('app-coupon-pool-assignment', page());

    async function open(pool: BrandCouponPoolQuery['couponPool']): Promise<void> {
      (await nextOperation('BrandCouponPool')).flushData({ couponPool: pool });
      (await nextOperation('BrandCouponCodes')).flushData(codes(1));
      await stable();
    }

    async function pick(name: string): Promise<void> {
      find<HTMLElement>('mat-select', panel()).click();
      await stable();
      const option = [...document.querySelectorAll<HTMLElement>('mat-option')].find((o) =>
        text(o).startsWith(name),
      );
      if (!option) throw new Error(`no option ${name}`);
      option.click();
      await stable();
    }

    afterEach(() => document.querySelectorAll('.cdk-overlay-container').forEach((e) => e.remove()));

    it('offers each creator with an accepted offer once, assigns, and shows the assignment', async () => {
      await open(withCreators());
      expect(text(panel())).toContain('Not assigned to a creator yet');
      find<HTMLElement>('mat-select', panel()).click();
      await stable();
      expect([...document.querySelectorAll('mat-option')].map(text)).toEqual([
        'Cleo Rivera (@cleo)',
        'Max Stone (@max)',
      ]);
      [...document.querySelectorAll<HTMLElement>('mat-option')]
        .find((o) => text(o).startsWith('Max'))
        ?.click();
      await stable();

      button('Assign pool', panel()).click();
      const sent = await nextOperation('BrandAssignCouponPool');
      expect(sent.operation.variables).toEqual({ poolId: 'pool-1', creatorId: 'cr-2' });
      sent.flushData({ assignCouponPool: { id: 'pool-1', creator: max } });
      await stable();
      expect(text(panel())).toContain('Assigned to Max Stone (@max)');
      expect(text(page().querySelector('app-page-header'))).toContain('for Max Stone');
      expect(button('Reassign pool', panel())).toBeTruthy();
    });

    it("puts the API's refusal of the creator on the picker", async () => {
      await open(withCreators(cleo));
      expect(text(panel())).toContain('Assigned to Cleo Rivera (@cleo)');
      await pick('Max Stone');
      button('Reassign pool', panel()).click();
      (await nextOperation('BrandAssignCouponPool')).graphqlErrors([
        graphqlError('BAD_USER_INPUT', 'Invalid input', {
          fields: [{ field: 'creatorId', message: 'the creator has no accepted offer in this campaign' }],
        }),
      ]);
      await stable();
      expect(text(panel().querySelector('mat-error'))).toBe(
        'the creator has no accepted offer in this campaign',
      );
      expect(panel().querySelector('.form-error')).toBeNull();
      expect(text(panel())).toContain('Assigned to Cleo Rivera'); // unchanged
    });

    it('shows a refusal that is not about the creator above the form', async () => {
      await open(withCreators());
      await pick('Cleo Rivera');
      button('Assign pool', panel()).click();
      (await nextOperation('BrandAssignCouponPool')).graphqlErrors([
        graphqlError('CONFLICT', 'Campaign camp-1 is COMPLETED; its pools cannot be reassigned'),
      ]);
      await stable();
      expect(text(panel().querySelector('.form-error'))).toBe(
        'Campaign camp-1 is COMPLETED; its pools cannot be reassigned',
      );
    });

    it('asks for a creator before sending anything', async () => {
      await open(withCreators());
      button('Assign pool', panel()).click();
      await stable();
      expect(text(panel().querySelector('mat-error'))).toBe('A creator is required.');
      controller.expectNone('BrandAssignCouponPool');
    });

    it('says when no creator has accepted an offer yet', async () => {
      await open(aPool({ generatedCount: 1000, generationStatus: 'DONE' }));
      expect(text(panel())).toContain('No creator has accepted an offer in this campaign yet');
      expect(panel().querySelector('form')).toBeNull();
    });
  });
});
