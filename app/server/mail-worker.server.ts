/**
 * The outbox worker in the server process (issue 19.2): sends what is due
 * every MAIL_POLL_MS (default 15 s) and at once when a page queues messages.
 * Started by server.mjs through `startup()`; never in tests unless started.
 * MAIL_WORKER=0 turns it off (then `cli statements send --outbox` sends).
 */
import { createMailTransport, mailMode, outboxDirFor, type MailTransport } from "~/models/mailer.server";
import { sendDue } from "~/models/statement-mail.server";
import { db } from "./db.server";

const store = globalThis as typeof globalThis & { __shebaoMailWorker?: { timer: NodeJS.Timeout; kick: () => void } };

function dbPath(): string {
  return process.env.DATABASE_PATH || "data/shebao.db";
}

export function startMailWorker(): void {
  if (store.__shebaoMailWorker || process.env.MAIL_WORKER === "0") return;
  const transport: MailTransport = createMailTransport({ dbPath: dbPath() });
  let running = false;
  let again = false;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await sendDue(db, transport);
      } while (again);
    } catch (e) {
      console.error("mail worker:", (e as Error).message);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, Number(process.env.MAIL_POLL_MS || 15_000));
  timer.unref();
  store.__shebaoMailWorker = { timer, kick: () => void tick() };
  void tick();
}

/** Messages were queued: send now rather than at the next poll (no-op without a worker). */
export function kickMailWorker(): void {
  store.__shebaoMailWorker?.kick();
}

/** For the statements page: where messages go. */
export function mailSetup(): { mode: "smtp" | "outbox"; outboxDir: string | null } {
  const mode = mailMode();
  return { mode, outboxDir: mode === "outbox" ? outboxDirFor(dbPath()) : null };
}
