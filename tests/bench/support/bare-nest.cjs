// R2's baseline: a bare route in the same server framework as the backend (NestJS 11 on
// Express 5, JSON body parser on), answering POST /graphql with the JSON the backend answers to
// `{ apiVersion }`. No GraphQL, no logging, no middleware: what the framework alone costs.
// Decorators are applied by hand because this file is plain JavaScript.
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Controller, Get, HttpCode, Module, Post } = require('@nestjs/common');

const ANSWER = JSON.parse(process.env.BARE_ANSWER || '{"data":{"apiVersion":"2026-11"}}');

class BareController {
  graphql() {
    return ANSWER;
  }
  health() {
    return { status: 'ok' };
  }
}
const method = (name, ...decorators) => {
  const descriptor = Object.getOwnPropertyDescriptor(BareController.prototype, name);
  for (const decorate of decorators) decorate(BareController.prototype, name, descriptor);
};
method('graphql', Post('graphql'), HttpCode(200));
method('health', Get('health'));
Controller()(BareController);

class BareModule {}
Module({ controllers: [BareController] })(BareModule);

async function main() {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
