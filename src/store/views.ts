/** What reads return. Bodies are always the redacted text; personal fields are masked unless revealed. */
export interface CustomerView {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  region: string | null;
  externalId: string | null;
  createdAt: string;
  interactions: number;
}

export interface StaffView {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  role: string | null;
}

export interface FindingView {
  turn: number;
  type: string;
  start: number;
  end: number;
  redactedStart: number;
  redactedEnd: number;
  operator: string;
  score: number;
  /** First 16 bytes of the keyed fingerprint, hex (same card, same fingerprint); none for a CVV. */
  fingerprint: string | null;
  last4: string | null;
  split: boolean;
}

export interface EmailView {
  from?: string | null;
  to?: string[];
  cc?: string[];
  subject?: string | null;
  message_id?: string | null;
  in_reply_to?: string | null;
  references?: string[];
}

export interface TurnView {
  seq: number;
  speaker: string;
  at: string | null;
  text: string;
  /** Only when originals were asked for and kept (keep_original policy). */
  original?: string | null;
  email?: EmailView;
  parentSeq?: number | null;
}

export interface InteractionSummary {
  id: string;
  externalId: string;
  channel: string;
  source: string;
  status: string | null;
  priority: string | null;
  startedAt: string | null;
  endedAt: string | null;
  customerId: string;
  customerName: string | null;
  agentId: string | null;
  agentName: string | null;
  subject: string | null;
  turns: number;
  /** Finding counts per type. */
  findings: Record<string, number>;
  /** Set when a field could not be decrypted: names the place, never a value. */
  unreadable?: string;
}

export interface InteractionView extends InteractionSummary {
  tags: string[];
  customer: CustomerView;
  agent: StaffView | null;
  call?: {
    durationSeconds: number | null;
    holdSeconds: number | null;
    direction: string | null;
    recordingUrl: string | null;
  };
  chat?: { client: Record<string, string | null> };
  turnList: TurnView[];
  findingList: FindingView[];
}

export interface FindResult {
  customers: CustomerView[];
  /** Interactions whose own external id matched (find --external-id). */
  interactions: InteractionSummary[];
}

export interface ListFilter {
  channel?: string;
  /** Inclusive, epoch ms. */
  since?: number;
  /** Exclusive, epoch ms. */
  until?: number;
  /** Staff email or name. */
  agent?: string;
  hasFinding?: string;
  customerId?: string;
  limit?: number;
  offset?: number;
}
