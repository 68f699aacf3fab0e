/**
 * SPEC §8: resident identity numbers (GB 11643-1999: 17 digits, a valid birth
 * date in characters 7–14, check character from weights 7 9 10 5 8 4 2 1 6 3 7 9
 * 10 5 8 4 2, sum mod 11 → 1 0 X 9 8 7 6 5 4 3 2) and unified social credit
 * codes (GB 32100-2015). Check characters below were worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { checkIdentity, checkResidentId, checkUscc, maskId, residentIdCheckChar, usccCheckChar } from "./identity";

describe("resident identity numbers", () => {
  it("a birth date before 1900 is still a valid date (GB 11643-1999's own example)", () => {
    expect(checkResidentId("440524188001010014")).toEqual({ ok: true, value: "440524188001010014" });
  });

  it.each([
    ["11010519491231002X", "the standard's own example, check character X"],
    ["440524198001010013", "born 1980-01-01"],
    ["510108199912310034", "born on New Year's Eve 1999"],
    ["110101200002290018", "born on a leap day, 2000-02-29"],
    ["320102198510071239", "check character 9"],
  ])("%s is valid (%s)", (id) => {
    expect(checkResidentId(id)).toEqual({ ok: true, value: id });
  });

  it("accepts a lower-case x and keeps it as X", () => {
    expect(checkResidentId("11010519491231002x")).toEqual({ ok: true, value: "11010519491231002X" });
  });

  it("ignores surrounding spaces", () => {
    expect(checkResidentId(" 440524198001010013 ")).toEqual({ ok: true, value: "440524198001010013" });
  });

  it.each([
    ["110105194912310021", "wrong check character (should be X)"],
    ["440524198001010014", "wrong check character (should be 3)"],
    ["320102198510071230", "wrong check character (should be 9)"],
    ["310115199902301237", "birth date 19990230 does not exist"],
    ["110101190002290011", "1900-02-29 does not exist"],
    ["110101200013010011", "month 13"],
    ["11010519491231002", "17 characters"],
    ["11010519491231002X1", "19 characters"],
    ["", "empty"],
    ["1101051949123100XX", "X before the last character"],
    ["A1010519491231002X", "a letter among the first 17"],
    ["11010519491231002Y", "a letter other than X at the end"],
  ])("%j is refused (%s)", (id) => {
    const r = checkResidentId(id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
  });

  it.each([
    ["11010519491231002", "X"],
    ["44052419800101001", "3"],
    ["11010120000229001", "8"],
    ["32010219851007123", "9"],
  ])("the check character of %s is %s", (first17, c) => {
    expect(residentIdCheckChar(first17)).toBe(c);
  });

  it("other documents are checked for shape only", () => {
    expect(checkIdentity("passport", "e12345678")).toEqual({ ok: true, value: "E12345678" });
    expect(checkIdentity("permit", "AB1")).toMatchObject({ ok: false });
    expect(checkIdentity("passport", "E-1234567")).toMatchObject({ ok: false });
    expect(checkIdentity("resident_id", "110105194912310021")).toMatchObject({ ok: false });
  });
});

describe("masking on the statement: first 4 and last 4 characters, the rest *", () => {
  it.each([
    ["11010519491231002X", "1101**********002X"],
    ["E12345678", "E123*5678"],
  ])("%s → %s", (id, masked) => {
    expect(maskId(id)).toBe(masked);
  });
});

describe("unified social credit codes", () => {
  it.each([["91350100M000100Y43"], ["91110000100000000R"], ["91310115MA1H7DAE1C"]])("%s is valid", (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, value: code });
  });

  it("accepts lower case and keeps upper case", () => {
    expect(checkUscc("91310115ma1h7dae1c")).toEqual({ ok: true, value: "91310115MA1H7DAE1C" });
  });

  it.each([
    ["91350100M000100Y44", "wrong check character"],
    ["91110000100000000Q", "wrong check character"],
    ["91350100I000100Y43", "I is not allowed"],
    ["91350100O000100Y43", "O is not allowed"],
    ["91350100S000100Y43", "S is not allowed"],
    ["91350100V000100Y43", "V is not allowed"],
    ["91350100Z000100Y43", "Z is not allowed"],
    ["91350100M000100Y4", "17 characters"],
    ["91350100M000100Y431", "19 characters"],
  ])("%s is refused (%s)", (code) => {
    expect(checkUscc(code).ok).toBe(false);
  });

  it.each([
    ["91350100M000100Y4", "3"],
    ["91110000100000000", "R"],
    ["91310115MA1H7DAE1", "C"],
  ])("the check character of %s is %s", (first17, c) => {
    expect(usccCheckChar(first17)).toBe(c);
  });
});
