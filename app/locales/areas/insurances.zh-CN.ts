import type { insurancesEn } from "./insurances.en";

/** 五项保险的全称（`insurances.*`，各页面共用）；键与 insurances.en.ts 完全相同。 */
export const insurancesZhCN: typeof insurancesEn = {
  pension: "基本养老保险",
  medical: "基本医疗保险",
  unemployment: "失业保险",
  work_injury: "工伤保险",
  maternity: "生育保险",
};
