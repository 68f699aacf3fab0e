/** English strings of the statement's figures (SPEC §6: basis, per-insurance bases, E's tranche, own contributions); the zh-CN file has the same keys. */
export const statementFiguresEn = {
  basis: "Contribution basis",
  derivation: {
    wage: "the wage in force for {{month}}",
    average: "the average monthly wage of {{year}} over {{months}} months",
    hire: "the first month's wage ({{month}})",
  },
  basisNote: "Your basis is {{derivation}}.",
  basesHeading: "The base of each insurance",
  baseUsed: "Base used",
  bound: {
    floor_policy: "the base floor applies",
    floor_insurance: "this insurance's own floor applies",
    cap_policy: "the base cap applies",
    cap_insurance: "this insurance's own cap applies",
    none: "as the basis",
  },
  declaredHeading: "The declared base",
  declared:
    "The employer declared a base of {{declared}} for this month. The agency charges it as shown below, less than your required bases: the employer has under-declared your base.",
  declaredBase: "Charged by the agency",
  requiredBase: "Required",
  trancheHeading: "Payment of your premiums for {{period}} as of {{date}}",
  tranche: {
    paid_in_full: "Paid in full on {{date}}",
    paid_in_full_nodate: "Paid in full",
    not_yet_due: "Not yet due (due {{date}})",
    partly_paid: "Partly paid (due {{date}})",
    unpaid: "Unpaid (due {{date}})",
  },
  ownHeading: "Your own contributions to your personal accounts, {{from}} to {{to}}",
  credited: "Credited (months paid)",
  withheld: "Withheld from your wage, not yet paid",
  pension: "Pension",
  medical: "Medical",
  total: "Total",
  overdueNote:
    "For {{months}}, what was withheld from your wage has not reached the social-insurance agency by its due date. The agency keeps your payment record, which you may ask to see (Social Insurance Law art. 4), and can order the employer to pay (art. 63): contact your local social-insurance agency.",
};
