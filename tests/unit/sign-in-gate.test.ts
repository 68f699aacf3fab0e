/** The sign-in gate server.mjs puts before the password-checking posts (issue 21, finding 2). */
import { describe, expect, it } from "vitest";
import { createSignInGate, PASSWORD_POSTS, SIGN_IN_MAX_IN_PROGRESS, signInBusyMessage } from "~/server/sign-in-gate.mjs";

describe("sign-in gate", () => {
  it("lets at most the limit in at once, and a place comes back once only", () => {
    const gate = createSignInGate(3);
    const a = gate.enter();
    const b = gate.enter();
    const c = gate.enter();
    expect([a, b, c].every((x) => typeof x === "function")).toBe(true);
    expect(gate.enter()).toBeNull();
    a!();
    a!(); // twice (finish and close): counted once
    expect(gate.inProgress).toBe(2);
    const d = gate.enter();
    expect(d).not.toBeNull();
    expect(gate.enter()).toBeNull();
  });

  it("guards sign-in and both password forms, with a small limit and a message in both languages", () => {
    expect([...PASSWORD_POSTS].sort()).toEqual(["/account", "/login", "/me"]);
    expect(SIGN_IN_MAX_IN_PROGRESS).toBeLessThanOrEqual(16);
    expect(signInBusyMessage("en")).toMatch(/try again/);
    expect(signInBusyMessage("zh-CN")).toMatch(/稍后再试/);
  });

  it("server.mjs puts the gate before the body is read", async () => {
    const { readFile } = await import("node:fs/promises");
    const server = await readFile("server.mjs", "utf8");
    expect(server.indexOf("signInGate.enter()")).toBeGreaterThan(0);
    expect(server.indexOf("signInGate.enter()")).toBeLessThan(server.indexOf("express.raw("));
  });
});
