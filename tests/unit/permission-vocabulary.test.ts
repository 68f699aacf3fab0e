/**
 * One permission vocabulary (issue 15): the HR workflows and the audit log are
 * actions of `can` like everything else, granted to the roles the old role
 * lists named, and no page checks access by a list of roles any more.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { can, ROLES } from "~/shared/permissions";

const APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe("the workflow and audit actions", () => {
  it("let staff read the workflows, admin and HR write through them, admin and auditors read the audit log", () => {
    expect(ROLES.filter((r) => can(r, "workflow:read"))).toEqual(["admin", "hr", "auditor"]);
    expect(ROLES.filter((r) => can(r, "workflow:write"))).toEqual(["admin", "hr"]);
    expect(ROLES.filter((r) => can(r, "audit:read"))).toEqual(["admin", "auditor"]);
  });

  it("are checked with requirePermission: no route or server helper checks a list of roles", () => {
    const offenders = filesUnder(APP)
      .filter((f) => !f.endsWith(".test.ts"))
      .filter((f) => /\brequireRole\b|workflow-access/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(APP, f));
    expect(offenders).toEqual([]);
  });
});
