/** English strings of the security controls (issue 21); security.zh-CN.ts has exactly the same keys. */
export const securityEn = {
  busy: "The server is busy checking passwords. Please try again in a minute.",
  importTruncated: "Only the first {{count}} problems are listed; correct them and check the file again to see any others.",
  employers: {
    label: "Employers",
    hint: "HR and auditor accounts: tick the employers this account may see and change. None ticked = all employers.",
    all: "All employers",
    saved: "Employers of the account saved.",
    saveButton: "Save employers",
  },
};

/** Field refusals of the shared validators (spread into `validation` of en.ts). */
export const securityValidationEn = {
  controlCharacters: "{{field}} holds control or text-direction characters (NUL, escape, right-to-left override…): remove them.",
  dateOutOfRange: "{{field}} must be a date from 1950-01-01 to 2100-12-31.",
  monthOutOfRange: "{{field}} must be a month within {{detail}}.",
  amountTooLarge: "{{field}} must be at most ¥100,000,000.00.",
};

/** The same refusals in an import's report (spread into `problems.import` of i18n-errors.en.ts). */
export const securityImportEn = {
  controlCharacters: "holds control or text-direction characters (NUL, escape, right-to-left override…): remove them",
  dateOutOfRange: "“{{value}}” is outside 1950-01-01 to 2100-12-31",
  monthOutOfRange: "“{{value}}” is outside {{from}} to {{to}}",
  amountTooLarge: "“{{value}}” is more than ¥100,000,000.00",
};
