export * from './lib/emotions';
export * from './lib/errors';
export * from './lib/payloads';
export * from './lib/dto';
export * from './lib/events';
