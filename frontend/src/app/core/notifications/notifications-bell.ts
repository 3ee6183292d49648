import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatBadge } from '@angular/material/badge';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { Icon } from '../../shared-ui/icon';
import { NotificationsStore } from './notifications-store';

/** The bell in the toolbar: unread count as a badge, a menu of unread notifications, mark read. */
@Component({
  selector: 'app-notifications-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatBadge, MatButton, MatIconButton, Icon, MatMenu, MatMenuItem, MatMenuTrigger],
  template: `
    <button
      matIconButton
      type="button"
      class="bell"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="label()"
      [matBadge]="badge()"
      [matBadgeHidden]="store.unreadCount() === 0"
      matBadgeColor="warn"
      aria-hidden="false"
    >
      <app-icon name="notifications" />
    </button>

    <mat-menu #menu="matMenu" xPosition="before" class="notifications-menu">
      <div class="menu-head" role="presentation">
        <span class="menu-title">Notifications</span>
        @if (store.unread().length) {
          <button matButton type="button" class="mark-all" (click)="$event.stopPropagation(); markAll()">
            Mark all as read
          </button>
        }
      </div>
      @if (store.error(); as error) {
        <p class="menu-note error" role="alert">{{ error }}</p>
      }
      @for (item of store.unread(); track item.id) {
        <button mat-menu-item type="button" class="notification" (click)="store.markRead([item.id])">
          <span class="message">{{ item.message }}</span>
          <span class="time">{{ item.createdAt | date: 'MMM d, HH:mm' }} · mark read</span>
        </button>
      } @empty {
        <p class="menu-note">
          @if (store.loading()) {
            Loading…
          } @else {
            You're all caught up. New offers, counters and drop results will show here.
          }
        </p>
      }
    </mat-menu>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .menu-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 4px 8px 4px 16px;
    }
    .menu-title {
      font: var(--mat-sys-title-small);
    }
    .notification {
      height: auto;
      min-height: 56px;
      padding-block: 8px;
    }
    .message,
    .time {
      display: block;
      white-space: normal;
      line-height: 1.35;
    }
    .time {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .menu-note {
      margin: 8px 16px 12px;
      max-width: 280px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .menu-note.error {
      color: var(--mat-sys-error);
    }
  `,
})
export class NotificationsBell implements OnInit {
  protected readonly store = inject(NotificationsStore);
  protected readonly badge = computed(() => {
    const count = this.store.unreadCount();
    return count > 99 ? '99+' : String(count);
  });
  protected readonly label = computed(() => {
    const count = this.store.unreadCount();
    return count ? `Notifications, ${count} unread` : 'Notifications, none unread';
  });

  ngOnInit(): void {
    void this.store.load();
    this.store.listen();
  }

  protected markAll(): void {
    void this.store.markAllRead();
  }
}
