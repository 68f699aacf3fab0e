import type { securityEn, securityImportEn, securityValidationEn } from "./security.en";

/** 安全控制（议题 21）的中文字符串；与 security.en.ts 的键完全相同。 */
export const securityZhCN: typeof securityEn = {
  busy: "服务器正忙于校验密码，请一分钟后重试。",
  importTruncated: "仅列出前 {{count}} 个问题；请先更正这些问题，再次检查文件即可看到其余问题。",
  employers: {
    label: "用人单位",
    hint: "人事和审计账户：勾选该账户可查看和修改的用人单位。不勾选 = 全部用人单位。",
    all: "全部用人单位",
    saved: "已保存该账户的用人单位。",
    saveButton: "保存用人单位",
  },
};

export const securityValidationZhCN: typeof securityValidationEn = {
  controlCharacters: "{{field}}含有控制字符或文字方向字符（如空字符、转义符、从右至左覆盖符），请删除。",
  dateOutOfRange: "{{field}}须为 1950-01-01 至 2100-12-31 之间的日期。",
  monthOutOfRange: "{{field}}须为 {{detail}} 之间的月份。",
  amountTooLarge: "{{field}}不得超过 ¥100,000,000.00。",
};

export const securityImportZhCN: typeof securityImportEn = {
  controlCharacters: "含有控制字符或文字方向字符（如空字符、转义符、从右至左覆盖符），请删除",
  dateOutOfRange: "“{{value}}”不在 1950-01-01 至 2100-12-31 之间",
  monthOutOfRange: "“{{value}}”不在 {{from}} 至 {{to}} 之间",
  amountTooLarge: "“{{value}}”超过 ¥100,000,000.00",
};
