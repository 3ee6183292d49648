import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { button, text } from '../../../testing/dom';
import { nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { aCampaignReport } from '../agency.fixtures';
import { AgencyReportPage } from './agency-report-page';

@Component({ template: '' })
class Elsewhere {}

describe('AgencyReportPage', () => {
  let fixture: ComponentFixture<AgencyReportPage>;
  let controller: ApolloTestingController;

  async function open(): Promise<void> {
    TestBed.configureTestingModule({
      imports: [AgencyReportPage, ApolloTestingModule],
      providers: [noAnimations, provideRouter([{ path: '**', component: Elsewhere }])],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(AgencyReportPage);
    fixture.componentRef.setInput('campaignId', 'camp-1');
    fixture.detectChanges();
    const op = await nextOperation('AgencyCampaignReport');
    expect(op.operation.variables).toEqual({ campaignId: 'camp-1' });
    op.flushData({ campaignReport: aCampaignReport() });
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => controller.verify());

  const page = (): HTMLElement => fixture.nativeElement;

  it('shows the campaign’s headline numbers, creators by revenue, and drops', async () => {
    await open();
    expect(text(page().querySelector('h1'))).toBe('Spring Glow');
    expect(page().querySelector('app-page-header a')?.getAttribute('href')).toBe('/app/agency/brands/b-1');
    const kpis = text(page().querySelector('.kpis'));
    expect(kpis).toContain('Spend $2,100.00');
    expect(kpis).toContain('Remaining $22,400.00');
    expect(kpis).toContain('Redemptions 42');
    expect(kpis).toContain('ROI +100%');
    expect(kpis).toContain('ROAS 2.00×');
    expect(kpis).toContain('$50.00 per redemption');

    const creators = [...page().querySelectorAll('[aria-labelledby="creators-title"] tbody tr')].map(text);
    expect(creators[0]).toContain('Ben Tides');
    expect(creators[1]).toContain('Aria Lux');
    const drops = text(page().querySelector('[aria-labelledby="drops-title"] tbody'));
    expect(drops).toContain('Get ready with me');
    expect(drops).toContain('320 / 500');
  });

  it('exports the report as CSV and offers the file', async () => {
    await open();
    button('Export report (CSV)', page()).click();
    const op = await nextOperation('AgencyExportCampaignReport');
    expect(op.operation.variables).toEqual({ campaignId: 'camp-1' });
    op.flushData({
      exportCampaignReport: {
        id: 'exp-1',
        kind: 'campaign-report',
        status: 'DONE',
        rowCount: 3,
        downloadUrl: '/v1/exports/exp-1/download',
        createdAt: '2026-11-24T18:00:00.000Z',
      },
    });
    await settle();
    await fixture.whenStable();
    expect(text(page().querySelector('app-export-button'))).toContain('3 rows ready');
    expect(button('Download CSV', page())).toBeTruthy();
  });
});
