import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatListItem, MatListItemIcon, MatListItemTitle, MatNavList } from '@angular/material/list';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { Icon } from '../../shared-ui/icon';
import { RoseMark } from '../../shared-ui/rose-mark';
import { AuthStore } from '../auth/auth-store';
import { NotificationsBell } from '../notifications/notifications-bell';
import { NotificationsStore } from '../notifications/notifications-store';
import { OrganizationStore } from '../organizations/organization-store';
import { navSections, NavSection } from './nav';

const KIND_LABEL = { BRAND: 'Brand', CREATOR: 'Creator', AGENCY: 'Agency' } as const;

/** The signed-in frame: toolbar (organization switcher, notifications, account), side navigation, content. */
@Component({
  selector: 'app-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [NotificationsStore],
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbar,
    MatButton,
    MatIconButton,
    MatSidenav,
    MatSidenavContainer,
    MatSidenavContent,
    MatNavList,
    MatListItem,
    MatListItemIcon,
    MatListItemTitle,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatFormField,
    MatLabel,
    MatSelect,
    MatOption,
    MatProgressBar,
    Icon,
    RoseMark,
    NotificationsBell,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell implements OnInit {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly organizations = inject(OrganizationStore);
  protected readonly user = this.auth.user;
  protected readonly kindLabel = KIND_LABEL;

  /** Below 960 px the navigation slides over the content and closes after each choice. */
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly navOpen = signal(false);

  /** The current organization's area (brand, creator or agency), then its settings. */
  protected readonly sections = computed<readonly NavSection[]>(() => {
    const org = this.organizations.current();
    return org ? navSections(org.kind) : [];
  });

  ngOnInit(): void {
    void this.organizations.load();
  }

  protected switchTo(organizationId: string): void {
    this.organizations.select(organizationId);
    // `/app` lands in the area of the organization's kind.
    void this.router.navigateByUrl('/app');
  }

  protected navigated(): void {
    if (this.compact()) this.navOpen.set(false);
  }

  protected logOut(): void {
    this.auth.logOut();
    void this.router.navigateByUrl('/login');
  }
}
