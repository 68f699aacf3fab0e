/**
 * One account per employee (issue 15): `createUser`, the one way to add an
 * account (the web form and `cli user add`), refuses a second account for an
 * employee with a coded error and writes nothing; and the database refuses it
 * too (unique index users_employee), whoever writes.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { type Db } from "../../db/connection";
import { auditLog, employees, users } from "../../db/schema";
import { CLI_ACTOR } from "~/models/audit.server";
import { createUser, UserRefused } from "~/models/user.server";
import { workflowDb } from "./workflows-fixture";

const PW = "a long enough passphrase";
let db: Db;
let employeeId: number;

const counts = async () => ({ users: (await db.select().from(users).all()).length, audit: (await db.select().from(auditLog).all()).length });

beforeEach(async () => {
  db = await workflowDb();
  employeeId = (await db.select({ id: employees.id }).from(employees).where(eq(employees.employeeNo, "E001")).get())!.id;
});

describe("one account per employee", () => {
  it("createUser refuses a second account for the same employee, naming the field, and writes nothing", async () => {
    expect(await createUser(db, CLI_ACTOR, { email: "li.wei@example.com", role: "employee", password: PW, employeeId })).toBeGreaterThan(0);
    const before = await counts();
    const second = createUser(db, CLI_ACTOR, { email: "li.wei.2@example.com", role: "employee", password: PW, employeeId });
    await expect(second).rejects.toBeInstanceOf(UserRefused);
    await expect(second).rejects.toMatchObject({ errors: { employeeId: { code: "duplicate" } } });
    expect(await counts()).toEqual(before);
  });

  it("is a database fact: a write that skips the model is refused by the unique index", async () => {
    await createUser(db, CLI_ACTOR, { email: "li.wei@example.com", role: "employee", password: PW, employeeId });
    const refused = await (async () => await db.insert(users).values({ email: "other@example.com", role: "employee", employeeId, passwordHash: "x" }).run())().then(
      () => null,
      (e: unknown) => e as Error & { cause?: Error },
    );
    // drizzle reports the database's error (SQLite: UNIQUE constraint failed; PostgreSQL: duplicate key … unique constraint) as the cause.
    expect(String(refused?.cause?.message ?? refused?.message)).toMatch(/unique|UNIQUE/);
  });

  it("staff accounts (no employee) are not limited by it", async () => {
    await createUser(db, CLI_ACTOR, { email: "hr1@example.com", role: "hr", password: PW });
    await createUser(db, CLI_ACTOR, { email: "hr2@example.com", role: "hr", password: PW });
    expect((await db.select().from(users).all()).filter((u) => u.employeeId === null)).toHaveLength(2);
  });
});
