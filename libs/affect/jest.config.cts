module.exports = {
  displayName: 'affect',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Loading the models and the wasm backend takes a second or two per test file.
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/libs/affect',
};
