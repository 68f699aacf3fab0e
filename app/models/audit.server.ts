/**
 * The audit log: every write leaves an entry, inside the same transaction as
 * the write. Append-only at the database level (triggers refuse UPDATE and DELETE).
 */
import { auditLog } from "../../db/schema";
import type { Db } from "../../db/connection";

/** Who is acting: a signed-in user, or the command line. */
export interface Actor {
  userId: number | null;
  /** E-mail of the user, or `cli`, `seed`, `system`. */
  label: string;
}

export const CLI_ACTOR: Actor = { userId: null, label: "cli" };
export const SYSTEM_ACTOR: Actor = { userId: null, label: "system" };

/** A database or a transaction handle: anything drizzle can insert with. */
export type Tx = Pick<Db, "insert" | "select" | "update" | "delete">;

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
}

export async function audit(tx: Tx, actor: Actor, entry: AuditEntry, at: Date = new Date()): Promise<void> {
  await tx.insert(auditLog)
    .values({
      at: at.toISOString(),
      userId: actor.userId,
      actor: actor.label,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === undefined ? "" : String(entry.entityId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
}
