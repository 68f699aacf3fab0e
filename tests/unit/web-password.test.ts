import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "~/server/password.server";

describe("password hashing", () => {
  it("stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key", async () => {
    const h = await hashPassword("correct horse battery");
    const parts = h.split("$");
    expect(parts.slice(0, 4)).toEqual(["scrypt", "32768", "8", "1"]);
    expect(Buffer.from(parts[4]!, "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5]!, "base64")).toHaveLength(64);
  });

  it("verifies the right password only", async () => {
    const h = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", h)).toBe(true);
    expect(await verifyPassword("correct horse batterY", h)).toBe(false);
    expect(await verifyPassword("", h)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("refuses malformed or foreign hashes instead of throwing", async () => {
    for (const bad of ["", "bcrypt$x", "scrypt$32768$8$1$$", "scrypt$0$8$1$AAAA$AAAA", "scrypt$1099511627776$8$1$AAAA$AAAA"]) {
      expect(await verifyPassword("x", bad)).toBe(false);
    }
  });

  it("uses the parameters stored with the hash", async () => {
    const h = await hashPassword("pw");
    const [, , r, p, salt, key] = h.split("$");
    // Same salt and key under another N: no match (the parameters matter).
    expect(await verifyPassword("pw", ["scrypt", "16384", r, p, salt, key].join("$"))).toBe(false);
  });
});
