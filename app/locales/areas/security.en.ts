/** English strings of the security controls (issue 21); security.zh-CN.ts has exactly the same keys. */
export const securityEn = {
  busy: "The server is busy checking passwords. Please try again in a minute.",
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
  body: {
    tooLarge: "The request is too large (at most {{limit}}).",
    unsupported: "This address accepts form submissions only (application/x-www-form-urlencoded or multipart/form-data).",
    malformed: "The form data could not be read. Reload the page and submit the form again.",
    badName: "A file name or field holds control characters. Rename the file and try again.",
  },
};
