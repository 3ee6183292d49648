import { Injectable } from '@nestjs/common';
import type { SignUpInput } from '../dto/sign-up.input';
import type { OrganizationEntity } from '../entities';

export type OrganizationCreatedHandler = (
  organization: OrganizationEntity,
  input: SignUpInput,
) => Promise<void>;

/**
 * Lets other domains add to an organization's creation in the same transaction without identity
 * depending on them (e.g. creators make the creator profile of a CREATOR organization).
 */
@Injectable()
export class OrganizationHooks {
  private readonly created: OrganizationCreatedHandler[] = [];

  onCreated(handler: OrganizationCreatedHandler): void {
    this.created.push(handler);
  }

  async runCreated(organization: OrganizationEntity, input: SignUpInput): Promise<void> {
    for (const handler of this.created) await handler(organization, input);
  }
}
