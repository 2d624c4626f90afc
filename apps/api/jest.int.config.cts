/* HTTP integration tests against the real app on SQLite or PostgreSQL (PLUGBOARD_TEST_DB). */
module.exports = {
  displayName: `api-int-${process.env.PLUGBOARD_TEST_DB ?? 'sqlite'}`,
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
