/** Public surface of the crypto layer (a pure leaf: only key providers do I/O). */
export * from './aead.js';
export * from './blind-index.js';
export * from './compare.js';
export * from './errors.js';
export * from './keyring.js';
export * from './keys.js';
export * from './provider.js';
export * from './providers/env.js';
export * from './providers/file.js';
export * from './providers/index.js';
export * from './providers/vault.js';
