module.exports = {
  displayName: 'audio-features',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/audio-features',
};
