/**
 * Field encryption bound to where a value lives: every personal field and body is AES-256-GCM
 * under its owner's data key, with the table, column and row id as associated data, so a
 * ciphertext moved to another row or column fails to decrypt. Errors name the place, never the value.
 */
import { decryptFieldText, encryptField } from '../crypto/index.js';

export class FieldCipher {
  constructor(private readonly key: Buffer) {}

  seal(table: string, column: string, rowId: string, value: string): Buffer {
    return encryptField(this.key, value, { table, column, rowId });
  }

  /** null and undefined stay null (an absent field is not encrypted: its absence is not secret). */
  sealOpt(table: string, column: string, rowId: string, value: string | null | undefined): Buffer | null {
    return value === null || value === undefined ? null : this.seal(table, column, rowId, value);
  }

  open(table: string, column: string, rowId: string, blob: Buffer): string {
    return decryptFieldText(this.key, blob, { table, column, rowId });
  }

  openOpt(table: string, column: string, rowId: string, blob: Buffer | null): string | null {
    return blob === null ? null : this.open(table, column, rowId, blob);
  }

  /** Zeroizes the key copy this cipher owns. */
  dispose(): void {
    this.key.fill(0);
  }
}
