module.exports = {
  displayName: 'recommender',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/recommender',
};
