/** One SWC transform for every Node-side Jest project: decorators with metadata, as Nest and TypeORM need. */
exports.swcJestTransform = {
  '^.+\\.(t|j)s$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

/** ESM-only packages that Jest must compile to CommonJS (Node's own require(esm) is not used by Jest). */
exports.transformIgnorePatterns = ['/node_modules/(?!(jose)/)'];
