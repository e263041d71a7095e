/**
 * The default key provider: a JSON key file beside the database (default <data>/sealdesk.key).
 *
 *   {"format":"sealdesk-key/1","current":2,"keys":{"1":"<base64 32 bytes>","2":"<base64 32 bytes>"}}
 *
 * The file is created with mode 0600 and a key file that group or others can read is refused, as ssh
 * refuses a private key: a copy of the database next to a readable key file is a plaintext copy.
 * Every write is atomic (temp file + fsync + rename + directory fsync): a crash leaves the old file or
 * the new one, never half of one, because half a key file is every record lost.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsc } from 'node:fs';
import { type FileHandle, link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { decodeBase64Strict } from '../base64.js';
import { CryptoError } from '../errors.js';
import { assertVersion, unwrapWithKek, wrapWithKek } from '../kek-wrap.js';
import { generateKey, KEY_BYTES, zeroize } from '../keys.js';
import type { KeyProvider, WrappedKey } from '../provider.js';

export const KEY_FILE_FORMAT = 'sealdesk-key/1';
export const DEFAULT_KEY_FILE_NAME = 'sealdesk.key';
/** A key file holds a few dozen versions at most; anything larger is not a key file. */
const MAX_KEY_FILE_BYTES = 256 * 1024;
const LOCK_WAIT_MS = 10_000;
const LOCK_POLL_MS = 50;
/**
 * How long unwrap() trusts the key file it last checked. A `stat` per unwrap was most of a lookup's
 * tail latency (a lookup unwraps several candidates' keys); within this interval a rotation by another
 * process is still seen at once where it matters: an unwrap naming a version we do not have, or failing
 * to authenticate, checks the file again before failing, and wrap() always checks (a key wrapped under
 * a KEK that was retired elsewhere would be lost). What the interval delays is only noticing a deleted
 * or re-permissioned file on the unwrap path, by at most this long, with the KEK already in memory.
 */
export const DEFAULT_RECHECK_MS = 1000;

export function defaultKeyFilePath(dataDir: string): string {
  return join(dataDir, DEFAULT_KEY_FILE_NAME);
}

interface KeyFileState {
  current: number;
  keys: Map<number, Buffer>;
  /** Identity of the file we parsed: a rotation by another process changes it. */
  stamp: string;
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err
    ? String((err as { code: unknown }).code)
    : undefined;
}

function ioError(path: string, action: string, err: unknown): CryptoError {
  const code = errnoCode(err);
  if (code === 'ENOENT') {
    return new CryptoError(
      'E_KEY_FILE_MISSING',
      `key file not found: ${path} (run \`sealdesk init\` to create the store and its key, or point ` +
        '--data / SEALDESK_DATA at the folder that holds it)',
    );
  }
  return new CryptoError('E_KEY_FILE_IO', `cannot ${action} key file ${path} (${code ?? 'I/O error'})`, {
    cause: err,
  });
}

function invalid(path: string, what: string): CryptoError {
  return new CryptoError('E_KEY_FILE_INVALID', `key file ${path} is malformed: ${what}`);
}

function stampOf(s: {
  ino: number | bigint;
  size: number | bigint;
  mtimeMs: number;
  ctimeMs: number;
}): string {
  return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

/** Parses key file text. Error messages describe the defect, never the content. */
export function parseKeyFile(path: string, text: string): { current: number; keys: Map<number, Buffer> } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // JSON.parse messages quote the input, which is key material here.
    throw invalid(path, 'not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw invalid(path, 'not a JSON object');
  const obj = doc as Record<string, unknown>;
  if (!('format' in obj)) throw invalid(path, `no "format" field (expected "${KEY_FILE_FORMAT}")`);
  if (obj.format !== KEY_FILE_FORMAT) {
    throw invalid(
      path,
      `the "format" field is not "${KEY_FILE_FORMAT}" (a newer Sealdesk, or not a key file)`,
    );
  }
  const current = obj.current;
  if (typeof current !== 'number' || !Number.isSafeInteger(current) || current < 1) {
    throw invalid(path, '"current" must be a positive integer');
  }
  const rawKeys = obj.keys;
  if (typeof rawKeys !== 'object' || rawKeys === null || Array.isArray(rawKeys)) {
    throw invalid(path, '"keys" must be an object of version -> base64 key');
  }
  const keys = new Map<number, Buffer>();
  for (const [name, value] of Object.entries(rawKeys as Record<string, unknown>)) {
    if (!/^[1-9][0-9]{0,8}$/.test(name)) throw invalid(path, 'a key version name is not a positive integer');
    const version = Number(name);
    if (typeof value !== 'string') throw invalid(path, `key version ${version} is not a string`);
    const bytes = decodeBase64Strict(value);
    if (bytes === null) throw invalid(path, `key version ${version} is not base64`);
    if (bytes.length !== KEY_BYTES) {
      zeroize(bytes);
      throw invalid(
        path,
        `key version ${version} is ${bytes.length} bytes, expected ${KEY_BYTES} (truncated or damaged?)`,
      );
    }
    keys.set(version, bytes);
  }
  if (!keys.has(current)) throw invalid(path, `the current version ${current} has no key`);
  return { current, keys };
}

export function serializeKeyFile(current: number, keys: ReadonlyMap<number, Uint8Array>): string {
  const out: Record<string, string> = {};
  for (const v of [...keys.keys()].sort((a, b) => a - b))
    out[String(v)] = Buffer.from(keys.get(v)!).toString('base64');
  return `${JSON.stringify({ format: KEY_FILE_FORMAT, current, keys: out }, null, 2)}\n`;
}

async function readKeyFile(path: string): Promise<KeyFileState> {
  let fh: FileHandle;
  try {
    // Symbolic links are followed (secret mounts use them); the checks below apply to the target.
    fh = await open(path, fsc.O_RDONLY);
  } catch (err) {
    throw ioError(path, 'open', err);
  }
  try {
    // fstat on the open handle: the checks apply to the bytes we read, not to a file swapped in between.
    const st = await fh.stat();
    if (!st.isFile()) throw invalid(path, 'not a regular file');
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new CryptoError(
        'E_KEY_FILE_PERMISSIONS',
        `key file ${path} has mode ${mode}: group or others may read it; it must be readable by its owner ` +
          `only (fix: chmod 600 ${path}, and consider the key exposed if others could log in)`,
      );
    }
    if (st.size > MAX_KEY_FILE_BYTES) throw invalid(path, `larger than ${MAX_KEY_FILE_BYTES} bytes`);
    const text = await fh.readFile({ encoding: 'utf8' });
    return { ...parseKeyFile(path, text), stamp: stampOf(st) };
  } catch (err) {
    if (err instanceof CryptoError) throw err;
    throw ioError(path, 'read', err);
  } finally {
    await fh.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(dir, fsc.O_RDONLY);
    await fh.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename itself is still atomic.
  } finally {
    await fh?.close();
  }
}

/**
 * Writes `text` to `path` atomically with mode 0600. With `noClobber`, fails with E_KEY_FILE_EXISTS if
 * `path` exists (link() is the atomic create-if-absent; rename() would silently replace).
 */
async function atomicWrite(path: string, text: string, noClobber: boolean): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fh: FileHandle | undefined;
  try {
    fh = await open(tmp, 'wx', 0o600);
    await fh.chmod(0o600); // the umask may have removed bits, never added any; make it exact anyway
    await fh.writeFile(text, 'utf8');
    await fh.sync();
    await fh.close();
    fh = undefined;
    if (noClobber) {
      try {
        await link(tmp, path);
      } catch (err) {
        if (errnoCode(err) === 'EEXIST') throw existsError(path);
        throw err;
      }
      await unlink(tmp);
    } else {
      await rename(tmp, path);
    }
    await fsyncDir(dir);
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    if (err instanceof CryptoError) throw err;
    throw ioError(path, 'write', err);
  }
}

function existsError(path: string): CryptoError {
  return new CryptoError(
    'E_KEY_FILE_EXISTS',
    `key file ${path} already exists; refusing to overwrite it (a new key would make every record ` +
      'encrypted under the old one unreadable)',
  );
}

async function withLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  let fh: FileHandle | undefined;
  for (;;) {
    try {
      fh = await open(lock, 'wx', 0o600);
      break;
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw ioError(lock, 'create the lock for', err);
      if (Date.now() > deadline) {
        throw new CryptoError(
          'E_KEY_FILE_LOCKED',
          `key file ${path} is locked by ${lock}: another process is rotating it; if no sealdesk process ` +
            'is running, the lock is stale and may be removed',
        );
      }
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
  try {
    await fh.writeFile(`${process.pid}\n`);
    await fh.close();
    return await fn();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}

export interface CreateKeyFileOptions {
  /** Only for tests and imports of an existing KEK; by default a fresh random key. */
  initialKey?: Uint8Array;
}

/** Creates a new key file (mode 0600, parent folders 0700) with KEK version 1. Never overwrites. */
export async function createKeyFile(
  path: string,
  options: CreateKeyFileOptions = {},
): Promise<FileKeyProvider> {
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  } catch (err) {
    throw ioError(dirname(path), 'create the folder for', err);
  }
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) throw existsError(path);
  const key = options.initialKey ? Buffer.from(options.initialKey) : generateKey();
  if (key.length !== KEY_BYTES)
    throw new CryptoError('E_KEY_INVALID', `initial KEK must be ${KEY_BYTES} bytes`);
  try {
    await atomicWrite(path, serializeKeyFile(1, new Map([[1, key]])), true);
  } finally {
    zeroize(key);
  }
  return FileKeyProvider.open(path);
}

export interface FileKeyProviderOptions {
  /** How long unwrap() trusts the last check of the file, in ms (default DEFAULT_RECHECK_MS; 0: always check). */
  recheckMs?: number;
  /** Monotonic clock in ms (default performance.now); tests inject one to step time without waiting. */
  now?: () => number;
}

export class FileKeyProvider implements KeyProvider {
  readonly kind = 'file' as const;
  readonly path: string;
  private state: KeyFileState | undefined;
  /** Clock reading when `state` was last confirmed to match the file (stat or read). */
  private checkedAt = 0;
  private readonly recheckMs: number;
  private readonly now: () => number;

  constructor(path: string, options: FileKeyProviderOptions = {}) {
    this.path = path;
    this.recheckMs = Math.max(0, options.recheckMs ?? DEFAULT_RECHECK_MS);
    this.now = options.now ?? (() => performance.now());
  }

  /** Opens and validates the key file now, so a bad file is reported at start-up, not at first use. */
  static async open(path: string, options: FileKeyProviderOptions = {}): Promise<FileKeyProvider> {
    const p = new FileKeyProvider(path, options);
    await p.load();
    return p;
  }

  describe(): string {
    return `key file ${this.path}`;
  }

  async load(): Promise<void> {
    this.setState(await readKeyFile(this.path));
  }

  private setState(state: KeyFileState): void {
    this.state = state;
    this.checkedAt = this.now();
  }

  /**
   * The parsed file, re-read when it changed on disk (another process rotated), and an error if it
   * vanished: wrapping new keys under a KEK that no longer exists anywhere would lose those records.
   */
  private async fresh(): Promise<KeyFileState> {
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(this.path);
    } catch (err) {
      throw ioError(this.path, 'check', err);
    }
    if (!this.state || this.state.stamp !== stampOf(st)) {
      // Old key buffers are dropped, not zeroized: an operation in flight may still hold them.
      this.setState(await readKeyFile(this.path));
    } else {
      this.checkedAt = this.now();
    }
    return this.state!;
  }

  /** The state if it was checked less than recheckMs ago (a clock going backwards counts as stale). */
  private recent(): KeyFileState | undefined {
    if (!this.state) return undefined;
    const age = this.now() - this.checkedAt;
    return age >= 0 && age < this.recheckMs ? this.state : undefined;
  }

  async currentVersion(): Promise<number> {
    return (await this.fresh()).current;
  }

  async versions(): Promise<number[]> {
    return [...(await this.fresh()).keys.keys()].sort((a, b) => a - b);
  }

  async wrap(dataKey: Uint8Array): Promise<WrappedKey> {
    const s = await this.fresh();
    return wrapWithKek(s.keys.get(s.current)!, s.current, dataKey);
  }

  /** One check of the file for all the keys: they are wrapped under the same current version. */
  async wrapMany(dataKeys: readonly Uint8Array[]): Promise<WrappedKey[]> {
    const s = await this.fresh();
    const kek = s.keys.get(s.current)!;
    return dataKeys.map((k) => wrapWithKek(kek, s.current, k));
  }

  async unwrap(wrapped: WrappedKey): Promise<Buffer> {
    assertVersion(wrapped?.kekVersion);
    const cached = this.recent();
    if (cached) {
      const kek = cached.keys.get(wrapped.kekVersion);
      if (kek) {
        try {
          return unwrapWithKek(kek, wrapped, this.path);
        } catch (err) {
          if (!(err instanceof CryptoError) || err.code !== 'E_DECRYPT_FAILED') throw err;
          // The file may have been replaced since it was checked: fall through and check it now.
        }
      }
      // An unknown version may be a rotation by another process within the interval: check now.
    }
    const s = await this.fresh();
    const kek = s.keys.get(wrapped.kekVersion);
    if (!kek) {
      throw new CryptoError(
        'E_KEK_VERSION_UNKNOWN',
        `KEK version ${wrapped.kekVersion} is not in key file ${this.path} (it has versions ` +
          `${[...s.keys.keys()].join(', ')}); restore the key file that belongs to this database`,
      );
    }
    return unwrapWithKek(kek, wrapped, this.path);
  }

  /** Adds KEK version max+1 and makes it current; older versions stay so old wrapped keys still unwrap. */
  async rotate(): Promise<number> {
    return withLock(this.path, async () => {
      const s = await readKeyFile(this.path);
      const next = Math.max(...s.keys.keys()) + 1;
      const keys = new Map(s.keys);
      const key = generateKey();
      keys.set(next, key);
      await atomicWrite(this.path, serializeKeyFile(next, keys), false);
      this.setState(await readKeyFile(this.path));
      zeroize(key);
      for (const k of s.keys.values()) zeroize(k);
      return next;
    });
  }

  /**
   * (Additive) Destroys KEK versions below `version` (never the current one), after every wrapped key
   * has been rewrapped to `version` or later. Old backups of the database that still hold keys wrapped
   * under the destroyed versions become unreadable: that is the point, and also why the caller must
   * check first that no live wrapped key uses them. Returns the versions removed.
   */
  async retire(version: number): Promise<number[]> {
    assertVersion(version);
    return withLock(this.path, async () => {
      const s = await readKeyFile(this.path);
      if (version > s.current) {
        throw new CryptoError(
          'E_KEK_VERSION_UNKNOWN',
          `cannot retire KEK versions below ${version}: the current version is ${s.current}`,
        );
      }
      const removed = [...s.keys.keys()].filter((v) => v < version).sort((a, b) => a - b);
      if (removed.length > 0) {
        const keys = new Map([...s.keys].filter(([v]) => v >= version));
        await atomicWrite(this.path, serializeKeyFile(s.current, keys), false);
        this.setState(await readKeyFile(this.path));
      }
      for (const k of s.keys.values()) zeroize(k);
      return removed;
    });
  }

  /** Zeroizes the KEKs held in memory; later calls re-read the file. */
  close(): void {
    for (const k of this.state?.keys.values() ?? []) zeroize(k);
    this.state = undefined;
  }
}
