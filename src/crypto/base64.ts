/** Strict decoders for key material read from files and environment variables. */

// Linear: one character class repeated, then at most two '='.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const HEX = /^[0-9a-fA-F]*$/;

/** Standard or URL-safe base64, padded or not; null if `s` is not base64. */
export function decodeBase64Strict(s: string): Buffer | null {
  if (s.length === 0) return null;
  if (BASE64.test(s)) {
    if (s.length % 4 === 1) return null;
    return Buffer.from(s, 'base64');
  }
  if (BASE64URL.test(s)) {
    if (s.length % 4 === 1) return null;
    return Buffer.from(s, 'base64url');
  }
  return null;
}

export function decodeHexStrict(s: string): Buffer | null {
  if (s.length === 0 || s.length % 2 !== 0 || !HEX.test(s)) return null;
  return Buffer.from(s, 'hex');
}
