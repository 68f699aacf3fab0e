/** The per-request CSP nonce, handed from entry.server to the document. Empty in the browser. */
import { createContext, useContext } from "react";

const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
