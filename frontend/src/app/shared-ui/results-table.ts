import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatAnchor } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { Money } from '@bouquet/shared';
import { MoneyPipe, RoiPipe } from './formats';
import { Icon } from './icon';
import { toneOf } from './kpi-card';

/** One row of results: who (a creator, a brand), what was spent, what it brought back, and counts. */
export interface ResultRow {
  readonly id: string;
  readonly name: string;
  /** A creator's handle, shown as `@handle` after the name. */
  readonly handle?: string | null;
  /** Where the name (and the row's action) leads, as a routerLink. */
  readonly link?: string | readonly string[] | null;
  readonly spend: Money;
  readonly revenue: Money;
  readonly roi: number | null;
  /** Values of the count columns, by their key. */
  readonly counts?: Readonly<Record<string, number>>;
}

/** A count column shown between the name and the money: `{ key: 'claims', label: 'Claims' }`. */
export interface CountColumn {
  readonly key: string;
  readonly label: string;
}

/** A row with no results yet (a brand without campaigns): its name and a line said across the figures. */
export interface PendingRow {
  readonly id: string;
  readonly name: string;
  readonly link?: string | readonly string[] | null;
  readonly note: string;
}

/**
 * Spend, attributed revenue and ROI per creator or brand, in the portal's table that turns into cards on a
 * phone: `<app-results-table subject="Creator" [rows]="rows" [countColumns]="[{ key: 'claims', label:
 * 'Claims' }]" />`. With `action`, each linked row ends with a button of that label ("Campaigns").
 */
@Component({
  selector: 'app-results-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatAnchor, RouterLink, Icon, MoneyPipe, RoiPipe],
  template: `
    <table class="table stack">
      <thead>
        <tr>
          <th scope="col">{{ subject() }}</th>
          @for (column of countColumns(); track column.key) {
            <th scope="col" class="num">{{ column.label }}</th>
          }
          <th scope="col" class="num">Spend</th>
          <th scope="col" class="num">Revenue</th>
          <th scope="col" class="num">ROI</th>
          @if (action()) {
            <th scope="col">
              <span class="visually-hidden">{{ action() }}</span>
            </th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.id) {
          <tr>
            <td [attr.data-label]="subject()">
              <span>
                @if (row.link) {
                  <a class="name" [routerLink]="row.link">{{ row.name }}</a>
                } @else {
                  <span class="name">{{ row.name }}</span>
                }
                @if (row.handle) {
                  <span class="muted handle"> &#64;{{ row.handle }}</span>
                }
              </span>
            </td>
            @for (column of countColumns(); track column.key) {
              <td [attr.data-label]="column.label" class="num">
                {{ row.counts?.[column.key] ?? 0 | number }}
              </td>
            }
            <td data-label="Spend" class="num">{{ row.spend | money }}</td>
            <td data-label="Revenue" class="num">{{ row.revenue | money }}</td>
            <td data-label="ROI" class="num">
              <span [class]="'roi tone-' + tone(row.roi)">{{ row.roi | roi }}</span>
            </td>
            @if (action(); as action) {
              <td class="actions">
                @if (row.link) {
                  <a matButton [routerLink]="row.link" [attr.aria-label]="action + ' of ' + row.name">
                    {{ action }} <app-icon name="chevronRight" />
                  </a>
                }
              </td>
            }
          </tr>
        }
        @for (row of pending(); track row.id) {
          <tr>
            <td [attr.data-label]="subject()">
              @if (row.link) {
                <a class="name" [routerLink]="row.link">{{ row.name }}</a>
              } @else {
                <span class="name">{{ row.name }}</span>
              }
            </td>
            <td [attr.colspan]="countColumns().length + 3" class="muted none">{{ row.note }}</td>
            @if (action()) {
              <td class="actions"></td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
  styleUrls: ['./page.scss', './results-table.scss'],
})
export class ResultsTable {
  /** Heading of the first column: "Creator", "Brand". */
  readonly subject = input.required<string>();
  readonly rows = input.required<readonly ResultRow[]>();
  readonly countColumns = input<readonly CountColumn[]>([]);
  readonly pending = input<readonly PendingRow[]>([]);
  /** Label of a link button at the end of each linked row; none when null. */
  readonly action = input<string | null>(null);

  protected readonly tone = toneOf;
}

/** A campaign report's `byCreator` entry, as the campaign and agency report pages load it. */
export interface CreatorResult {
  readonly creator: { readonly id: string; readonly displayName: string; readonly handle: string };
  readonly metrics: {
    readonly spend: Money;
    readonly attributedRevenue: Money;
    readonly roi: number | null;
    readonly claims: number;
    readonly redemptions: number;
  };
}

/** The count columns of results by creator. */
export const CREATOR_COUNT_COLUMNS: readonly CountColumn[] = [
  { key: 'claims', label: 'Claims' },
  { key: 'redemptions', label: 'Redemptions' },
];

/** Results by creator as table rows (claims and redemptions as counts). */
export function creatorResultRows(results: readonly CreatorResult[]): readonly ResultRow[] {
  return results.map(({ creator, metrics }) => ({
    id: creator.id,
    name: creator.displayName,
    handle: creator.handle,
    spend: metrics.spend,
    revenue: metrics.attributedRevenue,
    roi: metrics.roi,
    counts: { claims: metrics.claims, redemptions: metrics.redemptions },
  }));
}
