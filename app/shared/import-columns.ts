/**
 * What every import column is, beyond its SPEC §8 name: its Chinese labels
 * (the headers HR uses), its type (how a cell typed by hand or by Excel is
 * normalized before validation), whether it may be empty (then it may also be
 * absent from the header), an example value and its rule in a sentence (the
 * templates' notes sheet). Pure: no database, no library.
 *
 * The table covers every column of every kind, including the optional columns
 * of the revised SPEC §8 (employers `tracking_from`, the per-insurance bases of
 * policies, registrations `termination_reported_on`): a column the validators
 * do not know yet is simply never asked for.
 */
import type { ImportKind } from "./import-formats";

export type ColumnType =
  /** Free text (names, departments): trimmed only. */
  | "text"
  /** A code or number typed by people (employee numbers, codes, references): trimmed, full-width → ASCII, a number cell read as its digits. */
  | "code"
  /** A date: `2024/7/1`, `2024.7.1`, `2024年7月1日`, an Excel date cell → `2024-07-01`. */
  | "date"
  /** A month: `2024/7`, `2024年7月`, an Excel date cell → `2024-07`. */
  | "month"
  /** Months separated by `;` (collection `periods`). */
  | "months"
  /** Yuan: `8,000.00`, `¥8,000`, `￥8,000.00`, full-width digits → `8000.00`. */
  | "money"
  /** A rate cell (`16%`, `8.5%+0.5%`, `2%+¥3.00`): full-width → ASCII, `￥` → `¥`. */
  | "rate"
  /** A whole number or a word (`due_day`, `late_fee_ppm_per_day`): full-width → ASCII. */
  | "int"
  /** An identity document number: Excel's damage refused (number cells, `1.1E+17`, 15 digits and `000`). */
  | "id"
  /** An identity document type: `resident_id` or its Chinese name. */
  | "idType";

export interface ColumnInfo {
  /** The SPEC §8 name. */
  name: string;
  /** Chinese labels; the first is the one the templates and exports write. */
  zh: readonly string[];
  /** The English label of the templates' second header row is the SPEC name; this is its description. */
  type: ColumnType;
  /** May be empty in every row, hence may be absent from the header. */
  optional: boolean;
  /** The templates' example cell. */
  example: string;
  /** The rule, in Chinese and English (the templates' notes sheet, the import page). */
  ruleZh: string;
  ruleEn: string;
}

function c(name: string, zh: readonly string[], type: ColumnType, optional: boolean, example: string, ruleZh: string, ruleEn: string): ColumnInfo {
  return { name, zh, type, optional, example, ruleZh, ruleEn };
}

const DATE_ZH = "日期，如 2024-07-01、2024/7/1、2024年7月1日";
const DATE_EN = "a date: 2024-07-01, 2024/7/1 or 2024年7月1日";
const MONTH_ZH = "月份，如 2024-07、2024/7、2024年7月";
const MONTH_EN = "a month: 2024-07, 2024/7 or 2024年7月";
const MONEY_ZH = "金额（元），如 8000、8,000.00、¥8,000；最多两位小数";
const MONEY_EN = "yuan: 8000, 8,000.00 or ¥8,000; at most two decimals";
const EMPLOYER_ZH = "用人单位编码；系统只有一个单位时可留空";
const EMPLOYER_EN = "the employer's code; may be empty where one employer exists";
const EMPLOYEE_ZH = "已存在的职工工号";
const EMPLOYEE_EN = "an existing employee number";

const INSURANCE_ZH: Record<string, string> = { pension: "养老", medical: "医疗", unemployment: "失业", work_injury: "工伤", maternity: "生育" };
const INSURANCES = ["pension", "medical", "unemployment", "work_injury", "maternity"] as const;
const RATE_EXAMPLES: Record<string, [string, string]> = {
  pension: ["16%", "8%"],
  medical: ["9.5%", "2%+¥3.00"],
  unemployment: ["0.5%", "0.5%"],
  work_injury: ["0.2%", "0"],
  maternity: ["0.8%", "0"],
};

const rateColumns: ColumnInfo[] = INSURANCES.flatMap((i) => [
  c(`${i}_employer`, [`${INSURANCE_ZH[i]}单位费率`, `${INSURANCE_ZH[i]}保险单位费率`, `${INSURANCE_ZH[i]}单位`], "rate", false, RATE_EXAMPLES[i]![0], "费率：百分比（16% 或 16）或固定金额（¥3.00），可用 + 连接", "a rate: a percentage (16% or 16) or a fixed amount (¥3.00), terms joined by +"),
  c(
    `${i}_employee`,
    [`${INSURANCE_ZH[i]}个人费率`, `${INSURANCE_ZH[i]}保险个人费率`, `${INSURANCE_ZH[i]}个人`],
    "rate",
    false,
    RATE_EXAMPLES[i]![1],
    i === "work_injury" || i === "maternity" ? "必须为 0（由单位缴纳）" : "费率，同上",
    i === "work_injury" || i === "maternity" ? "must be 0 (paid by the employer alone)" : "a rate, as above",
  ),
]);

const baseColumns: ColumnInfo[] = INSURANCES.flatMap((i) => [
  c(`${i}_base_floor`, [`${INSURANCE_ZH[i]}基数下限`, `${INSURANCE_ZH[i]}缴费基数下限`], "money", true, "", `${MONEY_ZH}；留空取 base_floor`, `${MONEY_EN}; empty = base_floor`),
  c(`${i}_base_cap`, [`${INSURANCE_ZH[i]}基数上限`, `${INSURANCE_ZH[i]}缴费基数上限`], "money", true, "", `${MONEY_ZH}；留空取 base_cap`, `${MONEY_EN}; empty = base_cap`),
]);

/** Every column of every kind, in the order exports and templates write them. */
export const COLUMN_INFO: Record<ImportKind, readonly ColumnInfo[]> = {
  employers: [
    c("code", ["单位编码", "单位代码", "用人单位编码"], "code", false, "SH01", "单位编码，不含空格", "the employer's code, no spaces"),
    c("name", ["单位名称", "用人单位名称", "用人单位"], "text", false, "上海示例科技有限公司", "单位名称", "the employer's name"),
    c("uscc", ["统一社会信用代码", "社会信用代码", "信用代码"], "code", false, "91310000MA1FL4XQ5C", "18 位统一社会信用代码", "the 18-character unified social credit code"),
    c("region", ["统筹地区", "参保地", "地区"], "code", false, "上海", "统筹地区（与政策的地区一致）", "the region (as in the policies)"),
    c("tracking_from", ["启用月份", "跟踪起始月"], "month", true, "", `${MONTH_ZH}；留空表示无`, `${MONTH_EN}; empty = none`),
  ],
  policies: [
    c("region", ["统筹地区", "参保地", "地区"], "code", false, "上海", "统筹地区", "the region"),
    c("effective_from", ["生效月份", "执行月份", "起始月份"], "month", false, "2024-07", MONTH_ZH, MONTH_EN),
    c("base_floor", ["缴费基数下限", "基数下限"], "money", false, "7310.00", MONEY_ZH, MONEY_EN),
    c("base_cap", ["缴费基数上限", "基数上限"], "money", false, "36549.00", MONEY_ZH, MONEY_EN),
    ...rateColumns,
    c("rounding_unit", ["舍入单位", "进位单位"], "code", true, "fen", "fen、jiao 或 yuan；留空为 fen", "fen, jiao or yuan; empty = fen"),
    c("rounding_mode", ["舍入方式", "进位方式"], "code", true, "half_up", "half_up 或 up；留空为 half_up", "half_up or up; empty = half_up"),
    c("due_day", ["缴费截止日", "截止日"], "int", false, "15", "1–31 或 last", "a day 1–31 or last"),
    c("due_month_offset", ["截止月偏移", "截止月份偏移"], "int", true, "0", "0（当月）或 1（次月）", "0 (the month) or 1 (the next month)"),
    c("late_fee_ppm_per_day", ["滞纳金日费率", "滞纳金日费率ppm", "滞纳金费率"], "int", true, "500", "每日百万分率（500 = 0.05%）；留空为 500", "ppm per day (500 = 0.05 %); empty = 500"),
    c("base_rule", ["基数规则", "缴费基数规则"], "code", true, "", "wage 或 annual；留空为 wage", "wage or annual; empty = wage"),
    c("base_year_start", ["基数年度起始月", "基数年度开始月"], "int", true, "", "1–12；留空为 7", "1–12; empty = 7"),
    ...baseColumns,
  ],
  non_working_days: [
    c("region", ["统筹地区", "参保地", "地区"], "code", false, "上海", "统筹地区", "the region"),
    c("date", ["日期", "休息日", "节假日"], "date", false, "2024-10-01", DATE_ZH, DATE_EN),
  ],
  employees: [
    c("employee_no", ["工号", "职工编号", "员工编号", "职工工号"], "code", false, "E001", "工号，每人唯一", "the employee number, unique"),
    c("name", ["姓名", "职工姓名", "员工姓名"], "text", false, "张伟", "姓名", "the name"),
    c("id_type", ["证件类型"], "idType", true, "居民身份证", "居民身份证（resident_id）、护照（passport）或居留证件（permit）；留空为居民身份证", "resident_id, passport or permit (or their Chinese names); empty = resident_id"),
    c("id_number", ["证件号码", "身份证号", "身份证号码", "公民身份号码", "身份证件号码"], "id", false, "11010519491231002X", "证件号码；请将该列设为文本格式，Excel 只保留 15 位数字", "the document number; format the column as text (Excel keeps 15 digits)"),
    c("employer_code", ["单位编码", "单位代码", "用人单位编码"], "code", true, "SH01", EMPLOYER_ZH, EMPLOYER_EN),
    c("hire_date", ["入职日期", "入职时间", "用工日期"], "date", false, "2024-07-01", DATE_ZH, DATE_EN),
    c("termination_date", ["离职日期", "离职时间"], "date", true, "", `${DATE_ZH}；在职留空`, `${DATE_EN}; empty while employed`),
    c("department", ["部门", "所属部门"], "text", true, "研发部", "部门", "the department"),
    c("email", ["邮箱", "电子邮箱", "电子邮件", "邮件地址"], "text", true, "zhang.wei@example.com", "电子邮箱", "the e-mail address"),
    c("monthly_wage", ["月工资", "月薪", "工资", "月工资（元）"], "money", false, "8000.00", `${MONEY_ZH}；作为入职当月的工资`, `${MONEY_EN}; the wage of the hire month`),
  ],
  wages: [
    c("employee_no", ["工号", "职工编号", "员工编号", "职工工号"], "code", false, "E001", EMPLOYEE_ZH, EMPLOYEE_EN),
    c("effective_month", ["生效月份", "月份", "工资月份"], "month", false, "2024-07", MONTH_ZH, MONTH_EN),
    c("monthly_wage", ["月工资", "月薪", "工资"], "money", false, "8000.00", MONEY_ZH, MONEY_EN),
  ],
  registrations: [
    c("employee_no", ["工号", "职工编号", "员工编号", "职工工号"], "code", false, "E001", EMPLOYEE_ZH, EMPLOYEE_EN),
    c("applied_on", ["申请日期", "申报日期", "登记申请日期"], "date", true, "2024-07-10", `${DATE_ZH}；未申请留空`, `${DATE_EN}; empty = not applied`),
    c("registered_on", ["登记日期", "参保登记日期", "参保日期"], "date", true, "2024-07-15", `${DATE_ZH}；未登记留空`, `${DATE_EN}; empty = not registered`),
    c("termination_reported_on", ["离职申报日期", "减员申报日期", "停保日期"], "date", true, "", `${DATE_ZH}；未申报留空`, `${DATE_EN}; empty = not reported`),
  ],
  declarations: [
    c("employer_code", ["单位编码", "单位代码", "用人单位编码"], "code", true, "SH01", EMPLOYER_ZH, EMPLOYER_EN),
    c("period", ["所属期", "费款所属期", "所属月份"], "month", false, "2024-07", MONTH_ZH, MONTH_EN),
    c("employee_no", ["工号", "职工编号", "员工编号", "职工工号"], "code", false, "E001", EMPLOYEE_ZH, EMPLOYEE_EN),
    c("declared_base", ["申报基数", "缴费基数", "申报工资"], "money", false, "8000.00", MONEY_ZH, MONEY_EN),
    c("declared_on", ["申报日期"], "date", false, "2024-07-10", DATE_ZH, DATE_EN),
  ],
  payments: [
    c("employer_code", ["单位编码", "单位代码", "用人单位编码"], "code", true, "SH01", EMPLOYER_ZH, EMPLOYER_EN),
    c("period", ["所属期", "费款所属期", "所属月份"], "month", false, "2024-07", MONTH_ZH, MONTH_EN),
    c("paid_on", ["缴费日期", "缴款日期", "付款日期"], "date", false, "2024-07-15", DATE_ZH, DATE_EN),
    c("amount", ["金额", "缴费金额", "缴款金额"], "money", false, "2500.00", MONEY_ZH, MONEY_EN),
    c("reference", ["凭证号", "缴款凭证号", "票据号"], "code", false, "PAY-2024-07", "缴款凭证号，每单位唯一", "the payment reference, unique per employer"),
  ],
  collection: [
    c("employer_code", ["单位编码", "单位代码", "用人单位编码"], "code", true, "SH01", EMPLOYER_ZH, EMPLOYER_EN),
    c("kind", ["措施类型", "类型", "征缴措施"], "code", false, "order", "order、bank_inquiry、allocation、guarantee、installment 或 court", "order, bank_inquiry, allocation, guarantee, installment or court"),
    c("action_date", ["措施日期", "决定日期"], "date", false, "2024-08-01", DATE_ZH, DATE_EN),
    c("periods", ["所属期", "涉及月份", "欠费月份"], "months", false, "2024-06;2024-07", "月份，用 ; 分隔", "months separated by ;"),
    c("time_limit", ["限期", "限缴日期", "限期日期"], "date", true, "2024-08-15", `${DATE_ZH}；责令限期缴纳时必填`, `${DATE_EN}; required for an order`),
    c("due_on", ["到期日", "应缴日期"], "date", true, "", `${DATE_ZH}；分期缴纳时必填`, `${DATE_EN}; required for an installment`),
    c("amount", ["金额", "分期金额"], "money", true, "", `${MONEY_ZH}；分期缴纳时必填`, `${MONEY_EN}; required for an installment`),
  ],
};

/** The information of a column of a kind, or undefined. */
export function columnInfo(kind: ImportKind, name: string): ColumnInfo | undefined {
  return COLUMN_INFO[kind].find((col) => col.name === name);
}

/** The first Chinese label of a column (the SPEC name when it has none). */
export function chineseLabel(kind: ImportKind, name: string): string {
  return columnInfo(kind, name)?.zh[0] ?? name;
}

/** Chinese names of identity document types, as HR writes them. */
export const ID_TYPE_LABELS: Record<string, string> = {
  居民身份证: "resident_id",
  身份证: "resident_id",
  护照: "passport",
  居留证件: "permit",
  居留许可: "permit",
  居住证: "permit",
  外国人永久居留身份证: "permit",
};

/**
 * The form under which a header cell is compared: Unicode NFKC (full-width
 * letters and brackets become ASCII), lower case, no spaces, no `*` (required
 * marks), no trailing bracketed note (`月工资（元）` → `月工资`).
 */
export function headerKey(cell: string): string {
  return cell
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s*]/g, "")
    .replace(/\([^()]*\)$/, "");
}

/** The SPEC name a header cell stands for in a kind (its name or one of its Chinese labels), or undefined. */
export function resolveHeaderCell(kind: ImportKind, cell: string): string | undefined {
  const key = headerKey(cell);
  if (key === "") return undefined;
  for (const col of COLUMN_INFO[kind]) {
    if (col.name === key) return col.name;
    if (col.zh.some((z) => headerKey(z) === key)) return col.name;
  }
  return undefined;
}
