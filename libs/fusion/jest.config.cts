module.exports = {
  displayName: 'fusion',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/fusion',
};
