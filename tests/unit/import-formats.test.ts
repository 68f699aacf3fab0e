/**
 * SPEC §8 import formats, validated without a database: every rule of the
 * section, reported as `row N, column C: reason` (row 1 is the header).
 */
import { describe, expect, it } from "vitest";
import {
  collectionKey,
  formatImportError,
  IMPORT_COLUMNS,
  OPTIONAL_COLUMNS,
  validateImport,
  type CollectionRecord,
  type ContextEmployee,
  type ImportContext,
  type ImportError,
  type ImportKind,
} from "~/shared/import-formats";

const ID1 = "11010519491231002X";
const ID2 = "510107198402190326";
const USCC1 = "91310000MA1FL8TQ36";
const USCC2 = "91365020X53W432LQT";

function ctx(over: Partial<{ employers: string[]; employees: Record<string, ContextEmployee>; guarantees: ImportContext["guarantees"] }> = {}): ImportContext {
  return {
    employerCodes: new Set(over.employers ?? ["ACME"]),
    employees: new Map(Object.entries(over.employees ?? { E001: { employerCode: "ACME", hireDate: "2026-01-10", terminationDate: null } })),
    guarantees: over.guarantees ?? [],
  };
}

/** The required columns of a kind (the optional ones of SPEC §8 may be left out of a file). */
function required(kind: ImportKind): string[] {
  return IMPORT_COLUMNS[kind].filter((c) => !OPTIONAL_COLUMNS[kind].includes(c));
}

function file(kind: ImportKind, ...rows: string[]): string {
  return [required(kind).join(","), ...rows].join("\r\n") + "\r\n";
}

function errorsOf(kind: ImportKind, text: string, c: ImportContext = ctx()): string[] {
  const r = validateImport(kind, text, c);
  if (r.ok) return [];
  return r.errors.map(formatImportError);
}

function recordsOf<K extends ImportKind>(kind: K, text: string, c: ImportContext = ctx()) {
  const r = validateImport(kind, text, c);
  if (!r.ok) throw new Error(`expected valid, got:\n${r.errors.map(formatImportError).join("\n")}`);
  return r.records;
}

const POLICY_OK = "sample-city,2025-01,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500";
/** The policy row with one cell replaced. */
function policyWith(column: string, value: string): string {
  const cells = POLICY_OK.split(",");
  cells[IMPORT_COLUMNS.policies.indexOf(column)] = value.includes(",") ? `"${value}"` : value;
  return cells.join(",");
}

describe("error format", () => {
  it("is `row N, column C: reason`", () => {
    const e: ImportError = { row: 7, column: "hire_date", message: "is required", code: "required" };
    expect(formatImportError(e)).toBe("row 7, column hire_date: is required");
  });
});

describe("header", () => {
  it("is required: an empty file is refused at row 1", () => {
    expect(errorsOf("employers", "")).toEqual([expect.stringMatching(/^row 1: the file is empty; a header row is required/)]);
  });

  it("reports missing and unknown columns at row 1", () => {
    const errs = errorsOf("employers", "code,name,region,colour\r\nACME,Acme,x,red\r\n");
    expect(errs).toContain("row 1, column colour: is not a column of employers (expected code,name,uscc,region,tracking_from)");
    expect(errs).toContainEqual(expect.stringMatching(/^row 1, column uscc: is missing from the header/));
  });

  it("reports a column named twice", () => {
    expect(errorsOf("non_working_days", "region,date,date\r\nx,2026-01-01,2026-01-01\r\n")).toEqual(["row 1, column date: appears twice in the header"]);
  });

  it("accepts a byte-order mark, LF line ends and columns in any order", () => {
    const recs = recordsOf("employers", `\uFEFFregion,uscc,name,code\n sample-city ,${USCC1},Acme,ACME\n`);
    expect(recs).toEqual([{ row: 2, code: "ACME", name: "Acme", uscc: USCC1, region: "sample-city", trackingFrom: null }]);
  });

  it("refuses a row with more or fewer cells than the header", () => {
    expect(errorsOf("non_working_days", "region,date\r\nx,2026-01-01,extra\r\ny\r\n")).toEqual([
      "row 2: the row has 3 cells, the header 2",
      "row 3, column date: the row has 1 cells, the header 2",
    ]);
  });

  it("numbers rows as CSV records (the header is row 1), blank lines keep their number", () => {
    expect(errorsOf("non_working_days", "region,date\r\nx,2026-01-01\r\n\r\nx,2026-13-01\r\n")).toEqual(['row 4, column date: "2026-13-01" is not a calendar date']);
  });

  it("refuses an unterminated quote", () => {
    expect(errorsOf("employers", `code,name,uscc,region\r\nACME,"Acme,${USCC1},x\r\n`)[0]).toMatch(/^row \d+: a quoted cell is not closed/);
  });
});

describe("employers", () => {
  it("parses a row and normalizes the USCC to upper case", () => {
    expect(recordsOf("employers", file("employers", `ACME,"Acme, Ltd.",${USCC1.toLowerCase()},sample-city`))).toEqual([
      { row: 2, code: "ACME", name: "Acme, Ltd.", uscc: USCC1, region: "sample-city", trackingFrom: null },
    ]);
  });

  it("refuses empty cells and a bad USCC", () => {
    expect(errorsOf("employers", file("employers", ",,91310000MA1FL8TQ37,", "B,Bee,9131000OMA1FL8TQ3,r"))).toEqual([
      "row 2, column code: is required",
      "row 2, column name: is required",
      'row 2, column uscc: "91310000MA1FL8TQ37" is not a unified social credit code: check character should be 6, not 7',
      "row 2, column region: is required",
      'row 3, column uscc: "9131000OMA1FL8TQ3" is not a unified social credit code: must be 18 characters (has 17)',
    ]);
  });

  it("treats an identical repeated key as one record and a different one as a bad row", () => {
    const ok = validateImport("employers", file("employers", `ACME,Acme,${USCC1},a`, `ACME,Acme,${USCC1},a`), ctx());
    expect(ok.ok && ok.records.length).toBe(1);
    expect(ok.ok && ok.duplicates).toBe(1);
    expect(errorsOf("employers", file("employers", `ACME,Acme,${USCC1},a`, `B,Bee,${USCC2},a`, `ACME,Acme,${USCC1},b`))).toEqual([
      "row 4, column code: the key code (ACME) already appears in row 2 with different values",
    ]);
  });
});

describe("policies", () => {
  it("parses rates into terms, defaults and due day", () => {
    const [p] = recordsOf("policies", file("policies", "sh,2025-07,4000,20000.5,16%,8,7.5%+0.5%,2%+¥3.00,0.5%,0.5%,0.2%,0,0%,0,,,last,,"));
    expect(p).toEqual({
      row: 2,
      region: "sh",
      effectiveFrom: "2025-07",
      baseFloor: 400000,
      baseCap: 2000050,
      rates: {
        pension: { employer: [{ kind: "pct", ppm: 160000 }], employee: [{ kind: "pct", ppm: 80000 }] },
        medical: {
          employer: [
            { kind: "pct", ppm: 75000 },
            { kind: "pct", ppm: 5000 },
          ],
          employee: [
            { kind: "pct", ppm: 20000 },
            { kind: "fixed", fen: 300 },
          ],
        },
        unemployment: { employer: [{ kind: "pct", ppm: 5000 }], employee: [{ kind: "pct", ppm: 5000 }] },
        work_injury: { employer: [{ kind: "pct", ppm: 2000 }], employee: [{ kind: "pct", ppm: 0 }] },
        maternity: { employer: [{ kind: "pct", ppm: 0 }], employee: [{ kind: "pct", ppm: 0 }] },
      },
      roundingUnit: "fen",
      roundingMode: "half_up",
      dueDay: "last",
      dueMonthOffset: 0,
      lateFeePpmPerDay: 500,
      baseRule: "wage",
      baseYearStart: 7,
      insuranceBounds: {},
    });
  });

  it.each([
    ["pension_employer", "", "row 2, column pension_employer: is required"],
    ["pension_employer", "101%", 'row 2, column pension_employer: percentage "101%" must be 0–100 % with at most four decimals'],
    ["pension_employer", "0.12345%", 'row 2, column pension_employer: percentage "0.12345%" must be 0–100 % with at most four decimals'],
    ["pension_employer", "60%+50%", "row 2, column pension_employer: percentages add up to more than 100 %"],
    ["medical_employer", "8%+", 'row 2, column medical_employer: has an empty term in "8%+"'],
    ["medical_employee", "2%+$3.00", 'row 2, column medical_employee: term "$3.00" is not a percentage (16%) or a fixed amount (¥3.00)'],
    ["medical_employee", "2%+¥3.001", 'row 2, column medical_employee: fixed term "¥3.001" is not an amount in yuan with at most two decimals'],
    ["pension_employee", "-8%", 'row 2, column pension_employee: term "-8%" is not a percentage (16%) or a fixed amount (¥3.00)'],
    ["work_injury_employee", "0.1%", "row 2, column work_injury_employee: must be 0: work injury is paid by the employer alone (Social Insurance Law arts. 33, 53)"],
    ["maternity_employee", "¥1.00", "row 2, column maternity_employee: must be 0: maternity is paid by the employer alone (Social Insurance Law arts. 33, 53)"],
    ["base_floor", "30000.00", "row 2, column base_floor: 30000.00 is above base_cap 20000.00"],
    ["base_cap", "20,000.00", 'row 2, column base_cap: "20,000.00" is not an amount in yuan (digits, "." and at most two decimals, no grouping)'],
    ["base_floor", "-1", 'row 2, column base_floor: "-1" is negative'],
    ["base_floor", "4000.001", 'row 2, column base_floor: "4000.001" is not an amount in yuan (digits, "." and at most two decimals, no grouping)'],
    ["effective_from", "2025-1", 'row 2, column effective_from: "2025-1" is not a month YYYY-MM'],
    ["effective_from", "2025-13", 'row 2, column effective_from: "2025-13" is not a month YYYY-MM'],
    ["region", "", "row 2, column region: is required"],
    ["rounding_unit", "cent", 'row 2, column rounding_unit: "cent" is not one of fen, jiao, yuan'],
    ["rounding_mode", "down", 'row 2, column rounding_mode: "down" is not one of half_up, up'],
    ["due_day", "", "row 2, column due_day: is required"],
    ["due_day", "0", 'row 2, column due_day: "0" is not a day 1–31 or "last"'],
    ["due_day", "32", 'row 2, column due_day: "32" is not a day 1–31 or "last"'],
    ["due_month_offset", "2", 'row 2, column due_month_offset: "2" is not 0 or 1'],
    ["late_fee_ppm_per_day", "0.05%", 'row 2, column late_fee_ppm_per_day: "0.05%" is not a whole number of ppm per day (0–1000000; 500 = 0.05 %)'],
  ])("%s = %j is refused", (column, value, message) => {
    expect(errorsOf("policies", file("policies", policyWith(column, value)))).toEqual([message]);
  });

  it("accepts 100 %, 0, four decimals, day 31, offset 1, jiao/up and a late-fee rate", () => {
    const [p] = recordsOf(
      "policies",
      file("policies", policyWith("pension_employer", "100").replace(",fen,half_up,15,0,500", ",jiao,up,31,1,300").replace(",0.5%,0.5%,", ",0.0125%,0.5%,")),
    );
    expect(p!.rates.pension.employer).toEqual([{ kind: "pct", ppm: 1_000_000 }]);
    expect(p!.rates.unemployment.employer).toEqual([{ kind: "pct", ppm: 125 }]);
    expect([p!.roundingUnit, p!.roundingMode, p!.dueDay, p!.dueMonthOffset, p!.lateFeePpmPerDay]).toEqual(["jiao", "up", "31", 1, 300]);
  });

  it("keys on region + effective_from: equal values are one record, different values a bad row", () => {
    expect(recordsOf("policies", file("policies", POLICY_OK, POLICY_OK.replace("16%", "16")))).toHaveLength(1);
    expect(errorsOf("policies", file("policies", POLICY_OK, policyWith("base_cap", "25000")))).toEqual([
      "row 3, column region: the key region + effective_from (sample-city + 2025-01) already appears in row 2 with different values",
    ]);
  });
});

describe("non_working_days", () => {
  it("parses region and date", () => {
    expect(recordsOf("non_working_days", file("non_working_days", "sh,2026-10-01", "sh,2026-10-01"))).toEqual([{ row: 2, region: "sh", date: "2026-10-01" }]);
  });
  it("refuses a date that is not on the calendar, or not YYYY-MM-DD", () => {
    expect(errorsOf("non_working_days", file("non_working_days", "sh,2026-02-29", "sh,2026/10/01", ",2026-10-02"))).toEqual([
      'row 2, column date: "2026-02-29" is not a calendar date',
      'row 3, column date: "2026/10/01" is not a date YYYY-MM-DD',
      "row 4, column region: is required",
    ]);
  });
});

describe("employees", () => {
  const row = (over: Partial<Record<string, string>> = {}) => {
    const base: Record<string, string> = {
      employee_no: "E002",
      name: "王芳",
      id_type: "",
      id_number: ID2,
      employer_code: "ACME",
      hire_date: "2026-03-20",
      termination_date: "",
      department: "Ops",
      email: "wang@example.com",
      monthly_wage: "3000.00",
    };
    return IMPORT_COLUMNS.employees.map((c) => over[c] ?? base[c]!).join(",");
  };

  it("parses a row: empty id_type is resident_id, a lower-case x is normalized", () => {
    expect(recordsOf("employees", file("employees", row({ id_number: ID1.toLowerCase() })))).toEqual([
      {
        row: 2,
        employeeNo: "E002",
        name: "王芳",
        idType: "resident_id",
        idNumber: ID1,
        employerCode: "ACME",
        hireDate: "2026-03-20",
        terminationDate: null,
        department: "Ops",
        email: "wang@example.com",
        monthlyWage: 300000,
      },
    ]);
  });

  it("accepts passports and permits by shape", () => {
    const recs = recordsOf("employees", file("employees", row({ id_type: "passport", id_number: "E12345678" }), row({ employee_no: "E003", id_type: "permit", id_number: "p1234567" })));
    expect(recs.map((r) => [r.idType, r.idNumber])).toEqual([
      ["passport", "E12345678"],
      ["permit", "P1234567"],
    ]);
  });

  it("an empty employer_code stands for the only employer", () => {
    expect(recordsOf("employees", file("employees", row({ employer_code: "" })))[0]!.employerCode).toBe("ACME");
  });

  it("an empty employer_code is refused where there are several employers, or none", () => {
    expect(errorsOf("employees", file("employees", row({ employer_code: "" })), ctx({ employers: ["A", "B"] }))).toEqual([
      "row 2, column employer_code: is required where the installation holds several employers",
    ]);
    expect(errorsOf("employees", file("employees", row({ employer_code: "" })), ctx({ employers: [] }))).toEqual([
      "row 2, column employer_code: is required (no employer exists yet: import employers first)",
    ]);
  });

  it.each([
    [{ employee_no: "" }, "row 2, column employee_no: is required"],
    [{ name: "" }, "row 2, column name: is required"],
    [{ id_number: "" }, "row 2, column id_number: is required"],
    [{ id_number: "510107198402190327" }, 'row 2, column id_number: "510107198402190327" is not a valid resident identity number number: check character should be 6, not 7'],
    [{ id_number: "510107198402300326" }, 'row 2, column id_number: "510107198402300326" is not a valid resident identity number number: characters 7–14 are not a valid birth date (19840230)'],
    [{ id_number: "51010719840219032" }, 'row 2, column id_number: "51010719840219032" is not a valid resident identity number number: must be 18 characters (has 17)'],
    [{ id_type: "passport", id_number: "AB-12" }, 'row 2, column id_number: "AB-12" is not a valid passport number: must be 5–20 letters or digits'],
    [{ id_type: "hukou" }, 'row 2, column id_type: "hukou" is not one of resident_id, passport, permit'],
    [{ employer_code: "NOPE" }, 'row 2, column employer_code: no employer with code "NOPE"'],
    [{ hire_date: "" }, "row 2, column hire_date: is required"],
    [{ hire_date: "2026-02-30" }, 'row 2, column hire_date: "2026-02-30" is not a calendar date'],
    [{ termination_date: "2026-03-19" }, "row 2, column termination_date: 2026-03-19 is before hire_date 2026-03-20"],
    [{ termination_date: "20260401" }, 'row 2, column termination_date: "20260401" is not a date YYYY-MM-DD'],
    [{ email: "not-an-address" }, 'row 2, column email: "not-an-address" is not an e-mail address'],
    [{ monthly_wage: "" }, "row 2, column monthly_wage: is required"],
    [{ monthly_wage: "-3000" }, 'row 2, column monthly_wage: "-3000" is negative'],
    [{ monthly_wage: "3000.005" }, 'row 2, column monthly_wage: "3000.005" is not an amount in yuan (digits, "." and at most two decimals, no grouping)'],
    [{ monthly_wage: "¥3000" }, 'row 2, column monthly_wage: "¥3000" is not an amount in yuan (digits, "." and at most two decimals, no grouping)'],
  ])("%j is refused", (over, message) => {
    expect(errorsOf("employees", file("employees", row(over)))).toEqual([message]);
  });

  it("accepts termination on the hire date (one day employed) and empty department and e-mail", () => {
    const [r] = recordsOf("employees", file("employees", row({ termination_date: "2026-03-20", department: "", email: "" })));
    expect([r!.terminationDate, r!.department, r!.email]).toEqual(["2026-03-20", "", ""]);
  });

  it("reports every bad row, not only the first", () => {
    expect(errorsOf("employees", file("employees", row({ name: "" }), row({ employee_no: "E003" }), row({ employee_no: "E004", hire_date: "x" })))).toEqual([
      "row 2, column name: is required",
      'row 4, column hire_date: "x" is not a date YYYY-MM-DD',
    ]);
  });

  it("an employee number twice: identical rows are one, different rows a bad row", () => {
    expect(recordsOf("employees", file("employees", row(), row()))).toHaveLength(1);
    expect(errorsOf("employees", file("employees", row(), row({ monthly_wage: "3100.00" })))).toEqual([
      "row 3, column employee_no: the key employee_no (E002) already appears in row 2 with different values",
    ]);
  });
});

describe("wages", () => {
  it("parses rows", () => {
    expect(recordsOf("wages", file("wages", "E001,2026-04,9000.5"))).toEqual([{ row: 2, employeeNo: "E001", effectiveMonth: "2026-04", monthlyWage: 900050 }]);
  });
  it("refuses an unknown employee, a bad month and a bad amount; a key twice with different wages", () => {
    expect(errorsOf("wages", file("wages", "E999,2026-04,1", "E001,2026-4,1", "E001,2026-05,", "E001,2026-06,1", "E001,2026-06,2"))).toEqual([
      'row 2, column employee_no: no employee with number "E999"',
      'row 3, column effective_month: "2026-4" is not a month YYYY-MM',
      "row 4, column monthly_wage: is required",
      "row 6, column employee_no: the key employee_no + effective_month (E001 + 2026-06) already appears in row 5 with different values",
    ]);
  });
});

describe("registrations", () => {
  it("parses rows; either date may be empty, or both", () => {
    const c = ctx({
      employees: {
        E1: { employerCode: "ACME", hireDate: "2026-01-01", terminationDate: null },
        E2: { employerCode: "ACME", hireDate: "2026-01-01", terminationDate: null },
        E3: { employerCode: "ACME", hireDate: "2026-01-01", terminationDate: null },
        E4: { employerCode: "ACME", hireDate: "2026-01-01", terminationDate: null },
      },
    });
    expect(recordsOf("registrations", file("registrations", "E1,2026-01-05,2026-01-09", "E2,,2026-01-09", "E3,2026-01-05,", "E4,,"), c)).toEqual([
      { row: 2, employeeNo: "E1", appliedOn: "2026-01-05", registeredOn: "2026-01-09", terminationReportedOn: null },
      { row: 3, employeeNo: "E2", appliedOn: null, registeredOn: "2026-01-09", terminationReportedOn: null },
      { row: 4, employeeNo: "E3", appliedOn: "2026-01-05", registeredOn: null, terminationReportedOn: null },
      { row: 5, employeeNo: "E4", appliedOn: null, registeredOn: null, terminationReportedOn: null },
    ]);
  });

  it("accepts registered_on equal to applied_on", () => {
    expect(recordsOf("registrations", file("registrations", "E001,2026-02-12,2026-02-12"))).toHaveLength(1);
  });

  it.each([
    ["E001,2026-02-12,2026-02-11", "row 2, column registered_on: 2026-02-11 is before applied_on 2026-02-12"],
    ["E999,2026-02-12,", 'row 2, column employee_no: no employee with number "E999"'],
    [",2026-02-12,", "row 2, column employee_no: is required"],
    ["E001,2026-02-30,", 'row 2, column applied_on: "2026-02-30" is not a calendar date'],
    ["E001,,12/02/2026", 'row 2, column registered_on: "12/02/2026" is not a date YYYY-MM-DD'],
  ])("%s is refused", (line, message) => {
    expect(errorsOf("registrations", file("registrations", line))).toEqual([message]);
  });

  it("an employee twice with different dates is a bad row; the same dates are one record", () => {
    expect(recordsOf("registrations", file("registrations", "E001,2026-02-12,", "E001,2026-02-12,"))).toHaveLength(1);
    expect(errorsOf("registrations", file("registrations", "E001,2026-02-12,", "E001,2026-02-13,"))).toEqual([
      "row 3, column employee_no: the key employee_no (E001) already appears in row 2 with different values",
    ]);
  });
});

describe("declarations", () => {
  const c = ctx({
    employers: ["A", "B"],
    employees: {
      E1: { employerCode: "A", hireDate: "2026-01-10", terminationDate: "2026-04-01" },
      E2: { employerCode: "B", hireDate: "2025-01-01", terminationDate: null },
    },
  });

  it("parses rows; a new declared_on for the same line is another version", () => {
    expect(recordsOf("declarations", file("declarations", "A,2026-01,E1,8000,2026-01-14", "A,2026-01,E1,8500,2026-02-01", "A,2026-04,E1,8000,2026-04-14"), c)).toHaveLength(3);
  });

  it.each([
    ["B,2026-01,E1,8000,2026-01-14", "row 2, column employee_no: E1 is an employee of A, not B"],
    ["A,2025-12,E1,8000,2026-01-14", "row 2, column period: E1 is not liable in 2025-12 (employed 2026-01-10 to 2026-04-01)"],
    ["A,2026-05,E1,8000,2026-05-14", "row 2, column period: E1 is not liable in 2026-05 (employed 2026-01-10 to 2026-04-01)"],
    ["A,2026-01,E9,8000,2026-01-14", 'row 2, column employee_no: no employee with number "E9"'],
    [",2026-01,E1,8000,2026-01-14", "row 2, column employer_code: is required where the installation holds several employers"],
    ["A,2026-01,E1,,2026-01-14", "row 2, column declared_base: is required"],
    ["A,2026-01,E1,8000,", "row 2, column declared_on: is required"],
  ])("%s is refused", (line, message) => {
    expect(errorsOf("declarations", file("declarations", line), c)).toEqual([message]);
  });

  it("the same key with another base is a bad row", () => {
    expect(errorsOf("declarations", file("declarations", "A,2026-01,E1,8000,2026-01-14", "A,2026-01,E1,8001,2026-01-14"), c)).toEqual([
      "row 3, column employer_code: the key employer_code + period + employee_no + declared_on (A + 2026-01 + E1 + 2026-01-14) already appears in row 2 with different values",
    ]);
  });
});

describe("payments", () => {
  it("parses rows, the empty employer being the only one", () => {
    expect(recordsOf("payments", file("payments", ",2026-03,2026-03-10,1000,PAY-1"))).toEqual([
      { row: 2, employerCode: "ACME", period: "2026-03", paidOn: "2026-03-10", amount: 100000, reference: "PAY-1" },
    ]);
  });
  it("refuses a negative amount, a missing reference, an unknown employer and a reference twice", () => {
    expect(
      errorsOf("payments", file("payments", "ACME,2026-03,2026-03-10,-5,P1", "ACME,2026-03,2026-03-10,5,", "X,2026-03,2026-03-10,5,P2", "ACME,2026-03,2026-03-10,5,P3", "ACME,2026-04,2026-03-10,5,P3")),
    ).toEqual([
      'row 2, column amount: "-5" is negative',
      "row 3, column reference: is required",
      'row 4, column employer_code: no employer with code "X"',
      "row 6, column employer_code: the key employer_code + reference (ACME + P3) already appears in row 5 with different values",
    ]);
  });
});

describe("collection", () => {
  it("parses rows: periods sorted, identical rows one action", () => {
    const recs = recordsOf(
      "collection",
      file("collection", "ACME,guarantee,2025-09-15,2025-09;2025-08,,,", "ACME,installment,2025-09-15,2025-08;2025-09,,2025-10-15,3000.00", "ACME,installment,2025-09-15,2025-08;2025-09,,2025-10-15,3000.00", "ACME,order,2026-04-27,2026-03,2026-04-27,,"),
    );
    expect(recs.map((r) => [r.kind, r.periods.join(";"), r.dueOn, r.amount, r.timeLimit])).toEqual([
      ["guarantee", "2025-08;2025-09", null, null, null],
      ["installment", "2025-08;2025-09", "2025-10-15", 300000, null],
      ["order", "2026-03", null, null, "2026-04-27"],
    ]);
  });

  it.each([
    ["ACME,fine,2026-01-01,2026-01,,,", 'row 2, column kind: "fine" is not a known kind (order, bank_inquiry, allocation, guarantee, installment, court)'],
    ["ACME,,2026-01-01,2026-01,,,", "row 2, column kind: is required"],
    ["ACME,order,2026-01-01,2026-01,,,", "row 2, column time_limit: is required for an order"],
    ["ACME,order,2026-01-01,2026-01,2025-12-31,,", "row 2, column time_limit: 2025-12-31 is before action_date 2026-01-01"],
    ["ACME,installment,2026-01-01,2026-01,,,100", "row 2, column due_on: is required for an installment"],
    ["ACME,installment,2026-01-01,2026-01,,2026-02-01,", "row 2, column amount: is required for an installment"],
    ["ACME,installment,2026-01-01,2026-01,,2026-02-01,0.00", "row 2, column amount: must be positive for an installment"],
    ["ACME,court,2026-01-01,,,,", "row 2, column periods: is required"],
    ["ACME,court,2026-01-01,2026-01;,,,", 'row 2, column periods: has an empty month in "2026-01;" (months are separated by ";")'],
    ["ACME,court,2026-01-01,2026-01;2026/02,,,", 'row 2, column periods: "2026/02" is not a month YYYY-MM'],
    ["ACME,court,,2026-01,,,", "row 2, column action_date: is required"],
  ])("%s is refused", (line, message) => {
    expect(errorsOf("collection", file("collection", line))).toEqual([message]);
  });

  it("refuses a guarantee covering a month already in another agreement, in the file or the database", () => {
    expect(errorsOf("collection", file("collection", "ACME,guarantee,2025-09-15,2025-08;2025-09,,,", "ACME,guarantee,2025-10-01,2025-09;2025-10,,,"))).toEqual([
      "row 3, column periods: 2025-09 is already in the guarantee agreement of 2025-09-15 (2025-08;2025-09); a month belongs to at most one agreement",
    ]);
    const existing: Omit<CollectionRecord, "row"> = { employerCode: "ACME", kind: "guarantee", actionDate: "2025-09-15", periods: ["2025-08", "2025-09"], timeLimit: null, dueOn: null, amount: null };
    const c = ctx({ guarantees: [{ employerCode: "ACME", actionDate: "2025-09-15", periods: existing.periods, key: collectionKey(existing) }] });
    expect(errorsOf("collection", file("collection", "ACME,guarantee,2025-12-01,2025-08,,,"), c)).toEqual([
      "row 2, column periods: 2025-08 is already in the guarantee agreement of 2025-09-15 (2025-08;2025-09); a month belongs to at most one agreement",
    ]);
    // The same agreement imported again is not an overlap, nor is another employer's.
    expect(errorsOf("collection", file("collection", "ACME,guarantee,2025-09-15,2025-09;2025-08,,,"), c)).toEqual([]);
    expect(errorsOf("collection", file("collection", "B,guarantee,2025-09-15,2025-09,,,"), { ...c, employerCodes: new Set(["ACME", "B"]) })).toEqual([]);
  });
});
