/** The one account of the empty e2e installation (tests/e2e/setup-db.ts with E2E_EMPTY=1). */
export const EMPTY_ACCOUNT = { email: "hr@firstday.example", password: "first-day-passphrase", name: "王芳" };
