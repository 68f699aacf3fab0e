/** English names of the five insurances, one catalog key (`insurances.*`) for every page; insurances.zh-CN.ts has exactly the same keys. */
export const insurancesEn = {
  pension: "Pension",
  medical: "Medical",
  unemployment: "Unemployment",
  work_injury: "Work injury",
  maternity: "Maternity",
};
