import type { RateErrorCode } from "~/rules/money";
import { securityImportEn } from "./security.en";
/**
 * English messages for errors that the models report with a code and parameters
 * (import files, rate cells, issuing statements), so the web shows them in the
 * reader's language. The models' English `message` (command line, logs) says the same.
 * i18n-errors.zh-CN.ts has exactly the same keys.
 */
export const i18nErrorsEn = {
  /** One bad row or cell of an import file (SPEC §8); the row and column are shown beside it. */
  import: {
    ...securityImportEn,
    required: "is required",
    notCalendarDate: "“{{value}}” is not a calendar date",
    notDate: "“{{value}}” is not a date YYYY-MM-DD",
    notMonth: "“{{value}}” is not a month YYYY-MM",
    negativeAmount: "“{{value}}” is negative",
    notAmount: "“{{value}}” is not an amount in yuan (digits, “.” and at most two decimals, no grouping)",
    notOneOf: "“{{value}}” is not one of {{allowed}}",
    employerRequiredNone: "is required (no employer exists yet: import employers first)",
    employerRequiredSeveral: "is required where the installation holds several employers",
    unknownEmployer: "no employer with code “{{code}}”",
    unknownEmployee: "no employee with number “{{employeeNo}}”",
    codeHasSpaces: "“{{value}}” must not contain spaces",
    badUscc: "“{{value}}” is not a unified social credit code: {{detail}}",
    floorAboveCap: "{{floor}} is above base_cap {{cap}}",
    badRate: "{{detail}}",
    employeeRateNotZero: "must be 0: {{insurance}} is paid by the employer alone (Social Insurance Law arts. 33, 53)",
    badBaseYearStart: "“{{value}}” is not a month of the year 1–12 (7: July–June, 1: the calendar year)",
    insuranceFloorAboveCap: "the {{insurance}} floor {{floor}} is above its cap {{cap}}",
    reportWithoutTermination: "{{employeeNo}} has no termination date: a termination can be reported only for an employee who has left",
    reportBeforeTermination: "{{reported}} is before the termination date {{termination}}",
    terminationAfterReport: "the end of the employment was reported to the agency on {{reported}}: the termination date cannot be removed or moved after it",
    badDueDay: "“{{value}}” is not a day 1–31 or “last”",
    badDueMonthOffset: "“{{value}}” is not 0 or 1",
    badLateFeePpm: "“{{value}}” is not a whole number of ppm per day (0–1000000; 500 = 0.05 %)",
    badIdNumber: "“{{value}}” is not a valid {{idType}} number: {{detail}}",
    terminationBeforeHire: "{{termination}} is before hire_date {{hire}}",
    badEmail: "“{{value}}” is not an e-mail address",
    registeredBeforeApplied: "{{registered}} is before applied_on {{applied}}",
    employeeOfOtherEmployer: "{{employeeNo}} is an employee of {{theirs}}, not {{employer}}",
    notLiableEmployed: "{{employeeNo}} is not liable in {{period}} (employed {{hire}} to {{termination}})",
    notLiableHired: "{{employeeNo}} is not liable in {{period}} (hired {{hire}})",
    unknownCollectionKind: "“{{value}}” is not a known kind ({{kinds}})",
    emptyPeriodInList: "has an empty month in “{{value}}” (months are separated by “;”)",
    timeLimitRequired: "is required for an order to pay within a time limit",
    timeLimitBeforeAction: "{{timeLimit}} is before action_date {{actionDate}}",
    dueOnRequired: "is required for an installment",
    amountRequired: "is required for an installment",
    amountNotPositive: "must be positive for an installment",
    guaranteeOverlap:
      "{{periods}} already belong to the deferred-payment agreement of {{date}} ({{agreement}}); a month belongs to at most one agreement",
    csvUnclosedQuote: "a quoted cell is not closed (the file is not valid CSV)",
    emptyFile: "the file is empty; a header row is required: {{columns}}",
    emptyHeaderName: "the header has an empty column name",
    duplicateHeader: "appears twice in the header",
    unknownColumn: "is not a column of {{kind}} (expected {{columns}})",
    missingColumn: "is missing from the header (expected {{columns}})",
    cellCount: "the row has {{cells}} cells, the header {{header}}",
    duplicateKey: "the key {{key}} ({{values}}) already appears in row {{row}} with different values",
  },
  /** Why a rate cell (`16%`, `2% + ¥3.00`) does not parse. */
  rate: {
    required: "is required",
    emptyTerm: "has an empty term in “{{rate}}”",
    badFixed: "fixed term “{{term}}” is not an amount in yuan with at most two decimals",
    notTerm: "term “{{term}}” is not a percentage (16%) or a fixed amount (¥3.00)",
    badPercent: "percentage “{{term}}” must be 0–100 % with at most four decimals",
    over100: "percentages add up to more than 100 %",
  } satisfies Record<RateErrorCode, string>,
  /** Why statements could not be issued (art. 60); nothing was issued. */
  statements: {
    invalid: "{{field}} is not valid",
    employerRequired: "Choose an employer: the installation holds several.",
    unknownEmployer: "There is no employer with code “{{code}}”.",
    unknownEmployee: "There is no employee with number “{{employeeNo}}”.",
    employeeOfOtherEmployer: "{{employeeNo}} is employed by {{theirs}}, not {{employer}}.",
    noneLiable: "No employee of {{employer}} is liable for social-insurance premiums in {{period}} as of {{date}}.",
    notEmployed: "{{employeeNo}} was not employed in {{period}}.",
    noPolicy: "{{employeeNo}}: no social-insurance policy is in force for {{period}}.",
    beforePeriod: "{{employeeNo}}: a statement for {{period}} cannot be issued before {{date}}.",
    beforeHire: "A statement for {{employeeNo}} cannot be issued before the hire date {{date}}.",
    correctionNeedsReason: "{{employeeNo}} already has a statement for {{period}} (version {{version}}); a correction needs a reason.",
    correctionBackdated: "A correction cannot be dated before the version it corrects ({{date}}).",
    staleVersion: "{{employeeNo}} now has version {{version}} of {{period}}: someone corrected it after you opened the page. Reload the page and correct version {{version}}.",
    futureDate: "The claimed issue date {{date}} is in the future; record only statements issued on or before today.",
  },
};
