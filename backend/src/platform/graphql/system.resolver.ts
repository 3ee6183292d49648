import { Query, Resolver } from '@nestjs/graphql';

export const API_VERSION = '2026-11';

@Resolver()
export class SystemResolver {
  @Query(() => String, { description: 'Version of the API this server speaks.' })
  apiVersion(): string {
    return API_VERSION;
  }
}
