/** Unit specs live beside the code; e2e specs in tests/ run against real PostgreSQL and Redis. */
const moduleNameMapper = {
  '^@mptf/migrations$': '<rootDir>/migrations',
  '^@mptf/seeds$': '<rootDir>/seeds',
  '^@mptf/platform/launcher$': '<rootDir>/libs/platform/src/launcher',
  '^@mptf/(.*)$': '<rootDir>/libs/$1/src',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/seeds/**/*.spec.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.e2e-spec.ts'],
      moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/tests/support/global-setup.js',
      globalTeardown: '<rootDir>/tests/support/global-teardown.js',
      setupFiles: ['<rootDir>/tests/support/env.ts'],
    },
  ],
  testTimeout: 60000,
  // Each spec file boots the whole application; the heap one process keeps across ~130 files
  // grows until garbage collection dominates and late files time out (CI saw the route walk
  // take 15× longer than alone). A worker over this limit after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
};
