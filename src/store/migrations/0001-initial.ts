/** The first schema: every table of the model (see src/store/schema.ts and docs/STORE.md). */
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.js';

export function initial(dialect: DialectName) {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their time, not today's types
  type Db = Kysely<any>;
  const bytes = dialect === 'postgres' ? sql`bytea` : sql`blob`;
  const sqliteOnly = (s: ReturnType<typeof sql>) => (dialect === 'sqlite' ? s : sql``);

  return {
    async up(db: Db): Promise<void> {
      await db.schema
        .createTable('sealdesk_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('keyring')
        .addColumn('purpose', 'text', (c) => c.primaryKey())
        .addColumn('kek_version', 'integer', (c) => c.notNull())
        .addColumn('wrapped_key', bytes, (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('data_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kek_version', 'integer', (c) => c.notNull())
        .addColumn('wrapped_key', bytes, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('data_keys_kek_version').on('data_keys').column('kek_version').execute();

      await db.schema
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key_id', 'text', (c) => c.notNull().unique().references('data_keys.id'))
        .addColumn('name_enc', bytes)
        .addColumn('email_enc', bytes)
        .addColumn('phone_enc', bytes)
        .addColumn('external_id_enc', bytes)
        .addColumn('country_enc', bytes)
        .addColumn('region_enc', bytes)
        .addColumn('email_bidx', bytes)
        .addColumn('phone_bidx', bytes)
        .addColumn('external_id_bidx', bytes)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      for (const col of ['email_bidx', 'phone_bidx', 'external_id_bidx']) {
        await db.schema.createIndex(`customers_${col}`).on('customers').column(col).execute();
      }

      await db.schema
        .createTable('staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key_id', 'text', (c) => c.notNull().unique().references('data_keys.id'))
        .addColumn('name_enc', bytes)
        .addColumn('email_enc', bytes)
        .addColumn('phone_enc', bytes)
        .addColumn('role', 'text')
        .addColumn('email_bidx', bytes)
        .addColumn('name_bidx', bytes)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('staff_email_bidx').on('staff').column('email_bidx').execute();
      await db.schema.createIndex('staff_name_bidx').on('staff').column('name_bidx').execute();

      await db.schema
        .createTable('interactions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('agent_id', 'text', (c) => c.references('staff.id').onDelete('set null'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('status', 'text')
        .addColumn('priority', 'text')
        .addColumn('started_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('external_key', bytes, (c) => c.notNull().unique())
        .addColumn('external_id_enc', bytes, (c) => c.notNull())
        .addColumn('subject_enc', bytes)
        .addColumn('tags_enc', bytes)
        .addColumn('turn_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('interactions_customer').on('interactions').column('customer_id').execute();
      await db.schema.createIndex('interactions_agent').on('interactions').column('agent_id').execute();
      await db.schema
        .createIndex('interactions_channel_started')
        .on('interactions')
        .columns(['channel', 'started_at'])
        .execute();
      await db.schema.createIndex('interactions_started').on('interactions').column('started_at').execute();

      await db.schema
        .createTable('call_details')
        .addColumn('interaction_id', 'text', (c) =>
          c.primaryKey().references('interactions.id').onDelete('cascade'),
        )
        .addColumn('duration_seconds', 'integer')
        .addColumn('hold_seconds', 'integer')
        .addColumn('direction', 'text')
        .addColumn('recording_enc', bytes)
        .execute();

      await db.schema
        .createTable('chat_details')
        .addColumn('interaction_id', 'text', (c) =>
          c.primaryKey().references('interactions.id').onDelete('cascade'),
        )
        .addColumn('client_enc', bytes)
        .execute();

      await db.schema
        .createTable('turns')
        .addColumn('interaction_id', 'text', (c) =>
          c.notNull().references('interactions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('speaker', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint')
        .addColumn('body_enc', bytes, (c) => c.notNull())
        .addColumn('original_enc', bytes)
        .addColumn('email_enc', bytes)
        .addColumn('message_key', bytes)
        .addColumn('parent_seq', 'integer')
        .addPrimaryKeyConstraint('turns_pk', ['interaction_id', 'seq'])
        .execute();
      // Partial: only email turns have a message key, and an index of NULLs would cost ~30 bytes a turn.
      await db.schema
        .createIndex('turns_message_key')
        .on('turns')
        .column('message_key')
        .unique()
        .where(sql.ref('message_key'), 'is not', null)
        .execute();

      await db.schema
        .createTable('findings')
        .addColumn('interaction_id', 'text', (c) =>
          c.notNull().references('interactions.id').onDelete('cascade'),
        )
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('start_pos', 'integer', (c) => c.notNull())
        .addColumn('end_pos', 'integer', (c) => c.notNull())
        .addColumn('redacted_start', 'integer', (c) => c.notNull())
        .addColumn('redacted_end', 'integer', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull())
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('fingerprint', bytes)
        .addColumn('last4', 'text')
        .addColumn('split', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('findings_pk', ['interaction_id', 'seq', 'idx'])
        .modifyEnd(sqliteOnly(sql`without rowid`))
        .execute();
      await db.schema
        .createIndex('findings_type')
        .on('findings')
        .columns(['type', 'interaction_id'])
        .execute();
      await db.schema.createIndex('findings_fingerprint').on('findings').column('fingerprint').execute();

      await db.schema
        .createTable('erasures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('erased_at', 'bigint', (c) => c.notNull())
        .addColumn('interactions', 'integer', (c) => c.notNull())
        .addColumn('turns', 'integer', (c) => c.notNull())
        .addColumn('findings', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Db): Promise<void> {
      for (const t of [
        'erasures',
        'findings',
        'turns',
        'chat_details',
        'call_details',
        'interactions',
        'staff',
        'customers',
        'data_keys',
        'keyring',
        'sealdesk_meta',
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
