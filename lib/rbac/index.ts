export * from './catalog';
export * from './default-roles';
export * from './can';
export * from './gates';
