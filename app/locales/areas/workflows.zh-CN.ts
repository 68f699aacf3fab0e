import type { workflowsEn } from "./workflows.en";

/** 简体中文：与 workflows.en.ts 键完全相同。 */
export const workflowsZhCN: typeof workflowsEn = {
  title: "申报缴费与催缴",
};
