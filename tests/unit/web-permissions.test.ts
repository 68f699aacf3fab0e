import { describe, expect, it } from "vitest";
import { ROLES } from "../../db/schema";
import { ACTIONS, can, homePath } from "~/shared/permissions";

describe("can(role, action)", () => {
  it("gives admin and hr read and write on the business data", () => {
    for (const role of ["admin", "hr"] as const) {
      for (const a of ["employee:read", "employee:write", "employer:write", "registration:write", "finding:read", "report:read", "dashboard:read"] as const) {
        expect(can(role, a), `${role} ${a}`).toBe(true);
      }
      expect(can(role, "self:read")).toBe(false);
    }
    expect(can("admin", "user:manage")).toBe(true);
    expect(can("hr", "user:manage")).toBe(false);
  });

  it("lets auditors read everything and write nothing", () => {
    for (const a of ACTIONS) {
      expect(can("auditor", a), a).toBe(a.endsWith(":read") && a !== "self:read");
    }
  });

  it("lets an employee read only their own page", () => {
    expect(ACTIONS.filter((a) => can("employee", a))).toEqual(["self:read"]);
  });

  it("refuses unknown roles", () => {
    expect(can("root" as never, "employee:read")).toBe(false);
  });

  it("sends employees to /me and staff home", () => {
    expect(ROLES.map(homePath)).toEqual(["/", "/", "/", "/me"]);
  });
});
