import type { securityEn } from "./security.en";

/** 安全控制（议题 21）的中文字符串；与 security.en.ts 的键完全相同。 */
export const securityZhCN: typeof securityEn = {
  busy: "服务器正忙于校验密码，请一分钟后重试。",
  field: {
    control: "{{field}}：请删除控制字符或文字方向字符（无法保存）。",
    dateRange: "{{field}}：请输入 1950-01-01 至 2100-12-31 之间的日期。",
    periodRange: "{{field}}：请输入 {{from}} 至 {{to}} 之间的月份。",
    amountRange: "{{field}}：金额不得超过 ¥100,000,000.00。",
  },
  employers: {
    label: "用人单位",
    hint: "人事和审计账户：勾选该账户可查看和修改的用人单位。不勾选 = 全部用人单位。",
    all: "全部用人单位",
    saved: "已保存该账户的用人单位。",
    saveButton: "保存用人单位",
  },
  body: {
    tooLarge: "请求过大（上限 {{limit}}）。",
    unsupported: "此地址只接受表单提交（application/x-www-form-urlencoded 或 multipart/form-data）。",
    malformed: "无法读取表单数据。请刷新页面后重新提交。",
    badName: "文件名或字段中含有控制字符。请重命名文件后重试。",
  },
};
