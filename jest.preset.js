const nxPreset = require('@nx/jest/preset').default;

/** Defaults for the Node projects (libs, api, cli, e2e); the Angular app overrides environment and transform. */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js', 'html'],
};
