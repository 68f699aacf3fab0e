/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  /** What `server.mjs` passes to every loader and action. */
  interface AppLoadContext {
    /** The per-request nonce of the Content-Security-Policy. */
    cspNonce: string;
    /** The client's address (for sign-in throttling). */
    clientAddress: string;
  }
}
