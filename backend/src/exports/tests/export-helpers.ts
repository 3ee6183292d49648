import { eventually } from '@bouquet/testing';
import type { TestApp } from '../../testing/test-app';

export const EXPORT_FIELDS = 'id kind status rowCount downloadUrl createdAt';
export const EXPORT = `query($id: ID!) { export(id: $id) { ${EXPORT_FIELDS} } }`;
export const EXPORT_CODES = `mutation($poolId: ID!) { exportCouponCodes(poolId: $poolId) { ${EXPORT_FIELDS} } }`;
export const EXPORT_REPORT = `mutation($campaignId: ID!) { exportCampaignReport(campaignId: $campaignId) { ${EXPORT_FIELDS} } }`;

export interface ExportView {
  id: string;
  kind: string;
  status: 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED';
  rowCount: number | null;
  downloadUrl: string | null;
  createdAt: string;
}

/** Polls `export(id)` until `done` holds for it; returns it. */
export async function waitForExport(
  t: TestApp,
  id: string,
  token: string,
  done: (e: ExportView) => boolean = (e) => e.status === 'DONE' || e.status === 'FAILED',
  timeoutMs = 30_000,
): Promise<ExportView> {
  let last: ExportView | undefined;
  await eventually(
    async () => {
      const res = await t.gql(EXPORT, { id }, token);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      last = res.data.export as ExportView;
      return done(last);
    },
    timeoutMs,
    50,
  );
  return last as ExportView;
}

export function download(t: TestApp, id: string, token?: string) {
  return t.http(`/v1/exports/${id}/download`, { token });
}

/** A minimal RFC 4180 reader, to prove that what is written reads back as the values meant. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** Rows of a CSV as objects keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]])));
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
