/** A small installation for the workflow tests: employer ACME in sample-city (SPEC §9), one employee on ¥8,000.00. */
import { type Db } from "../../db/connection";
import { openTestDatabase } from "../helpers/test-db";
import { CLI_ACTOR } from "~/models/audit.server";
import { runImport, type ImportKind } from "~/models/import.server";
import { residentIdCheckChar, usccCheckChar } from "~/rules/identity";
import { rawSql } from "../helpers/raw-sql";

const USCC17 = "91350100M000100Y4";
const ID17 = "11010519491231002";
export const ACTOR = { userId: 7, label: "hr@example.com" };

export const POLICY_HEADER =
  "region,effective_from,base_floor,base_cap,pension_employer,pension_employee,medical_employer,medical_employee,unemployment_employer,unemployment_employee,work_injury_employer,work_injury_employee,maternity_employer,maternity_employee,rounding_unit,rounding_mode,due_day,due_month_offset,late_fee_ppm_per_day";
export const SAMPLE_CITY = "sample-city,2025-01,4000.00,20000.00,16%,8%,8%,2%,0.5%,0.5%,0.2%,0%,0%,0%,fen,half_up,15,0,500";

export async function load(db: Db, kind: ImportKind, csv: string): Promise<void> {
  const r = await runImport(db, kind, csv, CLI_ACTOR);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

export async function workflowDb(): Promise<Db> {
  const db = await openTestDatabase();
  await load(db, "employers", `code,name,uscc,region\nACME,Acme,${USCC17 + usccCheckChar(USCC17)},sample-city\n`);
  await load(db, "policies", `${POLICY_HEADER}\n${SAMPLE_CITY}\n`);
  await load(
    db,
    "employees",
    `employee_no,name,id_type,id_number,employer_code,hire_date,termination_date,department,email,monthly_wage\nE001,张三,,${ID17 + residentIdCheckChar(ID17)},ACME,2025-01-06,,,,8000.00\n`,
  );
  return db;
}

export const count = async (db: Db, table: string) => ((await rawSql(db).prepare(`SELECT count(*) AS n FROM ${table}`).get()) as { n: number }).n;
