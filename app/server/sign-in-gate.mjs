/**
 * The sign-in gate (issue 21, finding 2), applied by server.mjs before Remix:
 * at most SIGN_IN_MAX_IN_PROGRESS password-checking posts (sign-in and the two
 * password-change forms) are handled at once; the rest are answered at once
 * with a short 503 "try again later", before any database read, hashing or
 * page rendering. The answer does not depend on the account, so it reveals
 * nothing; together with the bounded hashing queue (password.server.ts) it
 * keeps the event loop and the thread pool free for pages and static files
 * during a flood.
 *
 * Plain JavaScript so that server.mjs and the TypeScript tests share it.
 */

export const SIGN_IN_MAX_IN_PROGRESS = 8;
export const PASSWORD_POSTS = new Set(["/login", "/account", "/me"]);

/** A counter of the password-checking posts in progress. */
export function createSignInGate(max = SIGN_IN_MAX_IN_PROGRESS) {
  let inProgress = 0;
  return {
    /** Take a place, or null when the gate is full; the returned function gives it back (once). */
    enter() {
      if (inProgress >= max) return null;
      inProgress++;
      let left = false;
      return () => {
        if (left) return;
        left = true;
        inProgress--;
      };
    },
    get inProgress() {
      return inProgress;
    },
  };
}

/** @param {"en" | "zh-CN"} language */
export function signInBusyMessage(language) {
  return language === "zh-CN" ? "登录请求过多，请稍后再试。" : "Too many sign-in attempts at the moment. Please try again in a minute.";
}
