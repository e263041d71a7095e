/** Scan configuration: the config file, redaction policies from flags, the fingerprint key. */
export { ConfigError } from './errors.js';
export { EMPTY_CONFIG, loadScanConfig, parseScanConfig, type ScanConfig, scanConfigSchema } from './file.js';
export { decodeKey, FINGERPRINT_KEY_ENV, loadFingerprintKey } from './keys.js';
export { isOperator, parsePolicySpec, unknownPolicyTypes, usesFingerprint } from './policy.js';
