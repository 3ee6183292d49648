import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { Router } from '@angular/router';
import { OrganizationStore } from '../organizations/organization-store';
import { AREA_OF_KIND } from './nav';

/**
 * `/app`: sends the user on to the area of the organization they work in (brand, creator or agency).
 * The shell renders it only once the organizations are loaded, so `current()` is known here.
 */
@Component({
  selector: 'app-area-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
})
export class AreaHome implements OnInit {
  private readonly organizations = inject(OrganizationStore);
  private readonly router = inject(Router);

  ngOnInit(): void {
    const org = this.organizations.current();
    const target = org ? `/app/${AREA_OF_KIND[org.kind]}` : '/app/settings';
    void this.router.navigateByUrl(target, { replaceUrl: true });
  }
}
