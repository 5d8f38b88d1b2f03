import type { Config } from 'jest';

/** ts-jest in ESM mode; shared by every workspace project. */
function project(displayName: string, rootDir: string): Config {
  return {
    displayName,
    rootDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: {
      '^nestjs-mcp$': '<rootDir>/../../packages/nestjs-mcp/src/index.ts',
      '^@nestjs-mcp/testing$': '<rootDir>/../../libs/testing/src/index.ts',
      // light-my-request require()s cookie@2, which is ESM-only and cannot be required on Node < 24.9.
      '^cookie$': 'cookie-cjs',
      // @fastify/static (Swagger UI on Fastify) require()s content-disposition@3, ESM-only as well; the
      // CommonJS content-disposition@2 exports the same functions.
      '^content-disposition$': 'content-disposition-cjs',
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    transform: {
      '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/../../tsconfig.json' }],
    },
  };
}

const config: Config = {
  // End-to-end tests boot Nest apps and real clients; on a busy CI machine 5 s (Jest's default) is not a
  // budget for that, nor for closing an app. A slow test is measured by the benchmark, never by a timeout.
  testTimeout: 30_000,
  projects: [
    project('nestjs-mcp', 'packages/nestjs-mcp'),
    project('testing', 'libs/testing'),
    project('items-api', 'apps/items-api'),
  ],
};

export default config;
