/** English strings of the statements area; statements.zh-CN.ts has exactly the same keys. */
export const statementsEn = {
  title: "Statements",
};
