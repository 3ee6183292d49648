import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { NotFoundError } from '../platform/errors';

const MAX_ENTRIES = 10_000;

/**
 * The creator organization each drop belongs to, remembered by this process: it never changes
 * for a drop, so the claim path (thousands a second on a hot drop) asks Postgres once per drop
 * rather than once per claim. Unknown drops are not remembered.
 */
@Injectable()
export class DropOwners {
  private readonly owners = new Map<string, string>();

  constructor(private readonly uow: UnitOfWork) {}

  async creatorOrganizationOf(dropId: string): Promise<string> {
    const known = this.owners.get(dropId);
    if (known) return known;
    const [row] = await this.uow.query<{ organizationId: string }[]>(
      `SELECT cr.organization_id AS "organizationId" FROM drops d JOIN creators cr ON cr.id = d.creator_id WHERE d.id = $1`,
      [dropId],
    );
    if (!row) throw new NotFoundError('Drop', dropId);
    if (this.owners.size >= MAX_ENTRIES) this.owners.delete(this.owners.keys().next().value as string);
    this.owners.set(dropId, row.organizationId);
    return row.organizationId;
  }
}
