/** English strings of the workflows area; workflows.zh-CN.ts has exactly the same keys. */
export const workflowsEn = {
  title: "Workflows",
};
