import '../../platform/graphql/enums';
import { JobStatus } from '@bouquet/shared';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ExportEntity } from '../export.entity';

@ObjectType('Export')
export class ExportType {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field(() => JobStatus) status!: JobStatus;
  @Field(() => Int, { nullable: true }) rowCount!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Relative URL of the finished file; needs the same credentials.',
  })
  downloadUrl!: string | null;
  @Field() createdAt!: Date;
}

/** The download path of REST (`GET /v1/exports/{id}/download`). */
export function downloadPath(exportId: string): string {
  return `/v1/exports/${exportId}/download`;
}

export function toExportType(e: ExportEntity): ExportType {
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    rowCount: e.rowCount,
    downloadUrl: e.status === JobStatus.DONE ? downloadPath(e.id) : null,
    createdAt: e.createdAt,
  };
}
