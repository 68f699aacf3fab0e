import type { statementsEn } from "./statements.en";

/** 简体中文：与 statements.en.ts 键完全相同。 */
export const statementsZhCN: typeof statementsEn = {
  title: "工资单与员工查询",
};
