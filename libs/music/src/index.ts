export * from './lib/music';
