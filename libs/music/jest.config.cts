module.exports = {
  displayName: 'music',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/music',
};
