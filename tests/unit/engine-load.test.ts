/** The packed rows the engine's loader reads from SQLite (`a:b:c;a:b:c`). */
import { describe, expect, it } from "vitest";
import { unpack } from "~/models/engine.server";

function rows(packed: string | null, width: number): number[][] {
  const out: number[][] = [];
  unpack(packed, width, (v) => out.push([...v]));
  return out;
}

describe("unpacking packed rows", () => {
  it("reads every tuple in order", () => {
    expect(rows("24313:20512:800000;24314:20540:4000", 3)).toEqual([
      [24313, 20512, 800000],
      [24314, 20540, 4000],
    ]);
  });
  it("reads zeros and a single tuple", () => {
    expect(rows("0:0", 2)).toEqual([[0, 0]]);
  });
  it("reads nothing from an empty group", () => {
    expect(rows("", 2)).toEqual([]);
    expect(rows(null, 2)).toEqual([]);
  });
  it("refuses a tuple of the wrong width", () => {
    expect(() => rows("1:2:3", 2)).toThrow(/3 fields, expected 2/);
  });
});
