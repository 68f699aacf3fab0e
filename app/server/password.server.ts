/**
 * Password hashing with scrypt (node:crypto): N=2^15, r=8, p=1, a 16-byte salt
 * and a 64-byte key, stored as `scrypt$N$r$p$saltB64$hashB64`. Verification
 * uses the parameters stored with the hash and compares in constant time.
 *
 * Every scrypt run goes through one bounded queue (`withHashSlot`): at most
 * HASH_MAX_IN_FLIGHT at once on libuv's thread pool (4 threads, which also
 * serve file reads: static files keep answering during a sign-in flood), at
 * most HASH_MAX_WAITING waiting, each for at most HASH_MAX_WAIT_MS; anything
 * beyond is refused at once with `HashQueueBusy`, before any hashing.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;

export const HASH_MAX_IN_FLIGHT = 2;
export const HASH_MAX_WAITING = 8;
export const HASH_MAX_WAIT_MS = 3_000;

/** Thrown (and only thrown) when the hashing queue is full or the wait ran out: answer "try again later". */
export class HashQueueBusy extends Error {
  constructor() {
    super("password hashing queue is full");
    this.name = "HashQueueBusy";
  }
}

let inFlight = 0;
const waiting: Array<{ start: () => void; timer: NodeJS.Timeout }> = [];
/** Counters for tests and the load test's figures. */
export const hashQueueStats = { started: 0, refused: 0, maxInFlight: 0 };

function release(): void {
  inFlight--;
  const next = waiting.shift();
  if (next) {
    clearTimeout(next.timer);
    next.start();
  }
}

/** Whether a new hashing request would be refused right now (the queue is full): checked before any other work. */
export function hashQueueFull(): boolean {
  return inFlight >= HASH_MAX_IN_FLIGHT && waiting.length >= HASH_MAX_WAITING;
}

/** Run `work` when a hashing slot is free; refused with `HashQueueBusy` when the queue is full or the wait too long. */
export function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  const run = (): Promise<T> => {
    inFlight++;
    hashQueueStats.started++;
    hashQueueStats.maxInFlight = Math.max(hashQueueStats.maxInFlight, inFlight);
    return work().finally(release);
  };
  if (inFlight < HASH_MAX_IN_FLIGHT) return run();
  if (waiting.length >= HASH_MAX_WAITING) {
    hashQueueStats.refused++;
    return Promise.reject(new HashQueueBusy());
  }
  return new Promise<T>((resolve, reject) => {
    const entry = {
      start: () => run().then(resolve, reject),
      timer: setTimeout(() => {
        const i = waiting.indexOf(entry);
        if (i >= 0) waiting.splice(i, 1);
        hashQueueStats.refused++;
        reject(new HashQueueBusy());
      }, HASH_MAX_WAIT_MS),
    };
    waiting.push(entry);
  });
}

function derive(password: string, salt: Buffer, n: number, r: number, p: number, keylen: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default limit (32 MiB) is exactly that at N=2^15, r=8.
  const options: ScryptOptions = { N: n, r, p, maxmem: 256 * n * r };
  return withHashSlot(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
      }),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, N, R, P, KEY_BYTES);
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![n, r, p].every((v) => Number.isSafeInteger(v) && v > 0) || n > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, "base64");
  const expected = Buffer.from(parts[5]!, "base64");
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await derive(password, salt, n, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}
