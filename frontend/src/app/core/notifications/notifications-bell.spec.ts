import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { aNotification } from '../../../testing/fixtures';
import { button, find, text } from '../../../testing/dom';
import { nextOperation, noAnimations, settle } from '../../../testing/graphql-testing';
import { NotificationsBell } from './notifications-bell';
import { NotificationsStore } from './notifications-store';

describe('NotificationsBell', () => {
  let fixture: ComponentFixture<NotificationsBell>;
  let controller: ApolloTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [NotificationsBell, ApolloTestingModule],
      providers: [noAnimations, NotificationsStore],
    });
    controller = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(NotificationsBell);
    fixture.detectChanges();
  });

  afterEach(() => {
    controller.verify();
    document.body.querySelectorAll('.cdk-overlay-container').forEach((element) => element.remove());
  });

  async function stable(): Promise<void> {
    await settle();
    await fixture.whenStable();
  }

  const bell = (): HTMLButtonElement => fixture.nativeElement.querySelector('button.bell');
  const badge = (): HTMLElement | null => fixture.nativeElement.querySelector('.mat-badge-content');

  it('shows the unread count as a badge and in its label, and adds live notifications', async () => {
    const first = aNotification({ message: 'Rosie countered your offer' });
    (await nextOperation('UnreadNotifications')).flushData({
      notifications: { totalCount: 3, nodes: [first] },
    });
    const live = await nextOperation('NotificationAdded');
    await stable();

    expect(text(badge())).toBe('3');
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 3 unread');

    live.flushData({ notificationAdded: aNotification({ id: 'live-1', message: 'Your drop went live' }) });
    await stable();
    expect(text(badge())).toBe('4');

    bell().click();
    await stable();
    const items = [...document.querySelectorAll('.notification')].map(text);
    expect(items[0]).toContain('Your drop went live');
    expect(items[1]).toContain('Rosie countered your offer');
  });

  it('marks one read from the menu', async () => {
    const item = aNotification({ id: 'n-1', message: 'Offer accepted' });
    (await nextOperation('UnreadNotifications')).flushData({
      notifications: { totalCount: 1, nodes: [item] },
    });
    await nextOperation('NotificationAdded');
    await stable();

    bell().click();
    await stable();
    find<HTMLButtonElement>('.notification').click();
    const mark = await nextOperation('MarkNotificationsRead');
    expect(mark.operation.variables).toEqual({ ids: ['n-1'] });
    mark.flushData({ markNotificationsRead: 1 });
    await stable();

    expect(fixture.nativeElement.querySelector('.mat-badge-hidden')).toBeTruthy();
    expect(bell().getAttribute('aria-label')).toBe('Notifications, none unread');
  });

  it('says when everything is read', async () => {
    (await nextOperation('UnreadNotifications')).flushData({ notifications: { totalCount: 0, nodes: [] } });
    await nextOperation('NotificationAdded');
    await stable();
    bell().click();
    await stable();
    expect(text(document.querySelector('.mat-mdc-menu-panel'))).toContain("You're all caught up.");
    expect(() => button('Mark all as read')).toThrow();
  });
});
