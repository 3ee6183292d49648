import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { anOrganization, organizationStoreWith } from '../../../testing/fixtures';
import { OrganizationStore } from '../organizations/organization-store';
import { AreaHome } from './area-home';
import { navSections } from './nav';

@Component({ template: '' })
class Blank {}

describe('shell navigation', () => {
  const labels = (kind: 'BRAND' | 'CREATOR' | 'AGENCY') =>
    navSections(kind).map((section) => [section.heading, section.links.map((link) => link.label)]);

  it('gives a brand its workspace first, then settings with agency access', () => {
    const sections = labels('BRAND');
    expect(sections[0]).toEqual(['Brand', ['Campaigns', 'Discover creators', 'Offers', 'Live now']]);
    expect(sections.at(-1)).toEqual(['Settings', ['API keys', 'Agency access', 'Audit log']]);
  });

  it('gives a creator no agency access setting (creators grant none)', () => {
    expect(labels('CREATOR').at(-1)).toEqual(['Settings', ['API keys', 'Audit log']]);
  });

  it('links every area screen under its own area path', () => {
    for (const kind of ['BRAND', 'CREATOR', 'AGENCY'] as const) {
      const area = kind.toLowerCase();
      const paths = navSections(kind)
        .slice(0, -1)
        .flatMap((section) => section.links.map((link) => link.path));
      const own = new RegExp(`^(${area}|live)(/|$)`);
      for (const path of paths) expect(path).toMatch(own);
    }
  });

  it.each([
    ['BRAND', '/app/brand'],
    ['CREATOR', '/app/creator'],
    ['AGENCY', '/app/agency'],
  ] as const)('sends /app to the area of a %s organization', async (kind, target) => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        { provide: OrganizationStore, useValue: organizationStoreWith(anOrganization({ kind })) },
      ],
    });
    const router = TestBed.inject(Router);
    const fixture = TestBed.createComponent(AreaHome);
    await fixture.whenStable();
    expect(router.url).toBe(target);
  });
});
