/**
 * Uploaded import files held between the preview and the confirmation, in the
 * server's memory, keyed by a random id and bound to the user who uploaded
 * them; the SHA-256 of the bytes is shown and checked again on confirm. The
 * bytes are kept as uploaded (any encoding, or a workbook) and read again,
 * with the sheet and column mapping chosen, when the import is confirmed. Entries
 * expire after 30 minutes (and with the process: then the file is uploaded
 * again). The browser never sends the file's contents back.
 */
import { createHash, randomBytes } from "node:crypto";
import type { ImportKind } from "~/shared/import-formats";

export const STASH_TTL_MS = 30 * 60 * 1000;
const MAX_ENTRIES = 50;

export interface StashedUpload {
  id: string;
  userId: number;
  kind: ImportKind;
  fileName: string;
  /** The file as uploaded. */
  bytes: Uint8Array;
  sha256: string;
  at: number;
}

const stash = new Map<string, StashedUpload>();

export function sha256Of(data: string | Uint8Array): string {
  return typeof data === "string" ? createHash("sha256").update(data, "utf8").digest("hex") : createHash("sha256").update(data).digest("hex");
}

function sweep(now: number): void {
  for (const [id, e] of stash) if (now - e.at > STASH_TTL_MS) stash.delete(id);
  while (stash.size >= MAX_ENTRIES) stash.delete(stash.keys().next().value as string);
}

export function stashUpload(userId: number, kind: ImportKind, fileName: string, data: string | Uint8Array, now = Date.now()): StashedUpload {
  sweep(now);
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const entry: StashedUpload = { id: randomBytes(16).toString("hex"), userId, kind, fileName, bytes, sha256: sha256Of(bytes), at: now };
  stash.set(entry.id, entry);
  return entry;
}

/** The stashed upload of this user with this id, kind and checksum, or why not. */
export function takeUpload(
  userId: number,
  id: string,
  kind: string,
  sha256: string,
  now = Date.now(),
): { ok: true; upload: StashedUpload } | { ok: false; code: "uploadExpired" | "uploadChanged" } {
  sweep(now);
  const e = stash.get(id);
  if (!e || e.userId !== userId) return { ok: false, code: "uploadExpired" };
  if (e.kind !== kind || e.sha256 !== sha256 || sha256Of(e.bytes) !== sha256) return { ok: false, code: "uploadChanged" };
  return { ok: true, upload: e };
}

export function dropUpload(id: string): void {
  stash.delete(id);
}
