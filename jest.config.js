// Jest runs the TypeScript sources as ESM through ts-jest; type checking is `npm run typecheck`'s job.
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }]
}
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
  transform
}

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'] }
  ],
  // A global option: Jest ignores it inside a project, where it would leave hooks and tests at 5 s. The integration
  // suites start registries and push images in their hooks, which a loaded 2-core machine can take longer than that.
  testTimeout: 60000,
  verbose: false
}
