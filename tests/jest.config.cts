/** End-to-end tests across both apps: the built server, a real browser, real face images. */
module.exports = {
  displayName: 'e2e',
  preset: '../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/jest.setup.ts'],
};
