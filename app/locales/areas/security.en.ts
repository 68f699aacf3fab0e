/** English strings of the security controls (issue 21); security.zh-CN.ts has exactly the same keys. */
export const securityEn = {
  busy: "The server is busy checking passwords. Please try again in a minute.",
  importTruncated: "Only the first {{count}} problems are listed; correct them and check the file again to see any others.",
  field: {
    control: "{{field}}: remove the control or text-direction characters (they cannot be stored).",
    dateRange: "{{field}}: enter a date from 1950-01-01 to 2100-12-31.",
    periodRange: "{{field}}: enter a month from {{from}} to {{to}}.",
    amountRange: "{{field}}: enter an amount of at most ¥100,000,000.00.",
  },
  employers: {
    label: "Employers",
    hint: "HR and auditor accounts: tick the employers this account may see and change. None ticked = all employers.",
    all: "All employers",
    saved: "Employers of the account saved.",
    saveButton: "Save employers",
  },
};
