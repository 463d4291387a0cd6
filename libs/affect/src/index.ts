export * from './lib/affect';
