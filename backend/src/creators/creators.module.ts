import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { OrganizationHooks } from '../identity/organizations/organization-hooks';
import { CreatorEntity } from './creator.entity';
import { CreatorVisibility } from './creator-visibility';
import { CreatorsLoaders } from './creators.loaders';
import { CreatorsService } from './creators.service';
import { CreatorResolver, OrganizationCreatorResolver } from './graphql/creator.resolver';

/** Creator profiles (made at sign-up of a CREATOR organization) and creator discovery. */
@Module({
  imports: [TypeOrmModule.forFeature([CreatorEntity])],
  providers: [
    CreatorsService,
    CreatorsLoaders,
    CreatorVisibility,
    CreatorResolver,
    OrganizationCreatorResolver,
  ],
  exports: [CreatorsService, CreatorsLoaders, CreatorVisibility],
})
export class CreatorsModule implements OnModuleInit {
  constructor(
    private readonly hooks: OrganizationHooks,
    private readonly access: AccessPolicy,
    private readonly creators: CreatorsService,
  ) {}

  onModuleInit(): void {
    this.access.register('creator', (ids) => this.creators.owners(ids));
    this.hooks.onCreated((organization, input) => this.creators.createForOrganization(organization, input));
  }
}
