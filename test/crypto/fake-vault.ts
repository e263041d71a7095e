/**
 * A small, real HTTP server on 127.0.0.1 that implements the parts of HashiCorp Vault's transit engine
 * Sealdesk uses, with Vault's response shapes and status codes (see docs/CRYPTO.md, "Vault transit").
 * No Vault binary can be installed on this machine (not in the Debian archive, not on npm, no network
 * beyond the npm registry), so the adapter is tested against this stand-in over real sockets.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface TransitKey {
  versions: Map<number, Buffer>;
  created: Map<number, number>;
  latest: number;
  minDecryptionVersion: number;
}

export interface Fault {
  /** Answer with this status and a Vault-style error body. */
  status?: number;
  /** Wait this long before answering (or before the fault). */
  delayMs?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
}

export interface LoggedRequest {
  method: string;
  path: string;
  token: string | undefined;
  namespace: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

export class FakeVault {
  readonly token = `hvs.${randomBytes(18).toString('base64url')}`;
  readonly mount: string;
  readonly keys = new Map<string, TransitKey>();
  readonly log: LoggedRequest[] = [];
  /** Consumed one per request, first in first out. */
  readonly faults: Fault[] = [];
  /** Vault before 1.14 answered rotate with 204 and no body; later versions return the key. */
  rotateReturnsBody = true;
  private server: Server | undefined;
  address = '';

  constructor(mount = 'transit') {
    this.mount = mount;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) this.send(res, 500, { errors: ['internal error'] });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.address = `http://127.0.0.1:${port}`;
    return this.address;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  createKey(name: string): void {
    this.keys.set(name, {
      versions: new Map([[1, randomBytes(32)]]),
      created: new Map([[1, now()]]),
      latest: 1,
      minDecryptionVersion: 1,
    });
  }

  private send(res: ServerResponse, status: number, body?: unknown): void {
    if (body === undefined) {
      res.writeHead(status);
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  private ok(res: ServerResponse, data: unknown): void {
    this.send(res, 200, {
      request_id: randomUUID(),
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data,
      wrap_info: null,
      warnings: null,
      auth: null,
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return this.send(res, 400, { errors: ['failed to parse JSON input'] });
      }
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const header = (n: string) =>
      typeof req.headers[n] === 'string' ? (req.headers[n] as string) : undefined;
    this.log.push({
      method: req.method ?? '',
      path,
      token: header('x-vault-token'),
      namespace: header('x-vault-namespace'),
      contentType: header('content-type'),
      body,
    });

    const fault = this.faults.shift();
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.drop) {
      req.socket.destroy();
      return;
    }
    if (fault?.status)
      return this.send(res, fault.status, {
        errors: [fault.status === 503 ? 'Vault is sealed' : 'internal error'],
      });

    if (header('x-vault-token') !== this.token) return this.send(res, 403, { errors: ['permission denied'] });

    const prefix = `/v1/${this.mount}/`;
    if (!path.startsWith(prefix)) return this.send(res, 404, { errors: ['no handler for route'] });
    const [op, name, extra] = path.slice(prefix.length).split('/');
    const b = (body ?? {}) as Record<string, unknown>;

    if (req.method === 'GET' && op === 'keys' && name && !extra) {
      const key = this.keys.get(name);
      if (!key) return this.send(res, 404, { errors: [] });
      return this.ok(res, this.keyInfo(name, key));
    }
    if (req.method !== 'POST' && req.method !== 'PUT')
      return this.send(res, 405, { errors: ['unsupported operation'] });
    if (op === 'keys' && name && extra === 'rotate') {
      const key = this.keys.get(name);
      if (!key) return this.send(res, 400, { errors: ['key not found'] });
      key.latest++;
      key.versions.set(key.latest, randomBytes(32));
      key.created.set(key.latest, now());
      return this.rotateReturnsBody ? this.ok(res, this.keyInfo(name, key)) : this.send(res, 204);
    }
    if (op === 'keys' && name && extra === 'config') {
      const key = this.keys.get(name);
      if (!key) return this.send(res, 400, { errors: ['key not found'] });
      if (typeof b.min_decryption_version === 'number') key.minDecryptionVersion = b.min_decryption_version;
      return this.send(res, 204);
    }
    if (op === 'keys' && name && !extra) {
      if (!this.keys.has(name)) this.createKey(name);
      return this.send(res, 204);
    }
    if (op === 'encrypt' && name) {
      if (typeof b.plaintext !== 'string')
        return this.send(res, 400, { errors: ['missing plaintext to encrypt'] });
      // Vault upserts the key on encrypt when the policy allows "create" on the path.
      if (!this.keys.has(name)) this.createKey(name);
      const key = this.keys.get(name)!;
      const ciphertext = seal(key, key.latest, Buffer.from(b.plaintext, 'base64'));
      return this.ok(res, { ciphertext, key_version: key.latest });
    }
    if (op === 'decrypt' || op === 'rewrap') {
      const key = name ? this.keys.get(name) : undefined;
      if (!key) return this.send(res, 400, { errors: ['encryption key not found'] });
      const opened = open(key, b.ciphertext);
      if ('error' in opened) return this.send(res, 400, { errors: [opened.error] });
      if (op === 'decrypt') return this.ok(res, { plaintext: opened.plaintext.toString('base64') });
      return this.ok(res, { ciphertext: seal(key, key.latest, opened.plaintext), key_version: key.latest });
    }
    return this.send(res, 404, { errors: ['no handler for route'] });
  }

  private keyInfo(name: string, key: TransitKey): Record<string, unknown> {
    return {
      name,
      type: 'aes256-gcm96',
      latest_version: key.latest,
      min_decryption_version: key.minDecryptionVersion,
      min_encryption_version: 0,
      deletion_allowed: false,
      exportable: false,
      supports_encryption: true,
      supports_decryption: true,
      keys: Object.fromEntries([...key.created].map(([v, t]) => [String(v), t])),
    };
  }
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function seal(key: TransitKey, version: number, plaintext: Buffer): string {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key.versions.get(version)!, nonce);
  const ct = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
  return `vault:v${version}:${Buffer.concat([nonce, ct]).toString('base64')}`;
}

function open(key: TransitKey, ciphertext: unknown): { plaintext: Buffer } | { error: string } {
  if (typeof ciphertext !== 'string') return { error: 'missing ciphertext to decrypt' };
  const m = /^vault:v(\d{1,9}):(.*)$/.exec(ciphertext);
  if (!m) return { error: 'invalid ciphertext: no prefix' };
  const version = Number(m[1]);
  if (version > key.latest || !key.versions.has(version)) return { error: 'invalid key version' };
  if (version < key.minDecryptionVersion) {
    return { error: 'ciphertext or signature version is disallowed by policy (too old)' };
  }
  const raw = Buffer.from(m[2]!, 'base64');
  if (raw.length < 12 + 16) return { error: 'invalid ciphertext: too short' };
  try {
    const d = createDecipheriv('aes-256-gcm', key.versions.get(version)!, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(raw.length - 16));
    return { plaintext: Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]) };
  } catch {
    return { error: 'cipher: message authentication failed' };
  }
}
