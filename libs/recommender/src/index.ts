export * from './lib/recommender';
