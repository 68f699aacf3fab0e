/** The employee form's fields as a browser posts them, valid unless a test overrides some (model tests). */
import { residentIdCheckChar, usccCheckChar } from "~/rules/identity";

const ID17 = "11010519491231002";
/** A resident identity number with a right check character. */
export const VALID_ID = ID17 + residentIdCheckChar(ID17);
/** The same number with a wrong check character. */
export const WRONG_CHECK = ID17 + (residentIdCheckChar(ID17) === "1" ? "2" : "1");
const USCC17 = "91350100M000100Y4";
/** A unified social credit code with a right check character. */
export const VALID_USCC = USCC17 + usccCheckChar(USCC17);

export function employeeForm(over: Record<string, string> = {}) {
  return {
    employeeNo: "E001",
    name: "张三",
    idType: "resident_id",
    idNumber: VALID_ID,
    employerId: "1",
    hireDate: "2026-01-10",
    department: "Sales",
    email: "zhang@example.com",
    monthlyWage: "8000.00",
    ...over,
  };
}
