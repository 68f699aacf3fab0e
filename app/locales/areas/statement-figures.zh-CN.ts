/** 缴费明细的计算依据（规则书第六节）：缴费基数来源、各险种基数、本人所属批次的缴费状态、个人缴费。 */
export const statementFiguresZhCN = {
  basis: "缴费基数",
  derivation: {
    wage: "{{month}} 的月工资",
    average: "{{year}} 年 {{months}} 个月的月平均工资",
    hire: "入职首月工资（{{month}}）",
  },
  basisNote: "您的缴费基数为{{derivation}}。",
  basesHeading: "各险种缴费基数",
  baseUsed: "适用基数",
  bound: {
    floor_policy: "按缴费基数下限",
    floor_insurance: "按本险种缴费基数下限",
    cap_policy: "按缴费基数上限",
    cap_insurance: "按本险种缴费基数上限",
    none: "按缴费基数",
  },
  declaredHeading: "单位申报的缴费基数",
  declared: "单位本月申报的缴费基数为 {{declared}}，经办机构据此核定的各险种基数如下，低于您的应缴基数：单位少报了您的缴费基数。",
  declaredBase: "经办机构核定",
  requiredBase: "应缴",
  trancheHeading: "截至 {{date}}，您 {{period}} 的社会保险费缴纳情况",
  tranche: {
    paid_in_full: "已于 {{date}} 足额缴纳",
    paid_in_full_nodate: "已足额缴纳",
    not_yet_due: "尚未到期（{{date}} 到期）",
    partly_paid: "部分缴纳（{{date}} 到期）",
    unpaid: "未缴纳（{{date}} 到期）",
  },
  ownHeading: "个人缴费（记入个人账户），{{from}} 至 {{to}}",
  credited: "已到账（单位已缴的月份）",
  withheld: "已从工资中代扣、单位尚未缴纳",
  pension: "养老保险",
  medical: "医疗保险",
  total: "合计",
  overdueNote:
    "{{months}} 从您工资中代扣的个人缴费，到期后仍未缴入社会保险经办机构。经办机构保存您的缴费记录，您有权查询（《社会保险法》第四条），经办机构可以责令用人单位缴纳（第六十三条）：请联系当地社会保险经办机构。",
};
