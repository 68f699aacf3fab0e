/**
 * The production (and `npm run dev`) server: express serving the Remix build
 * and the static assets, with security headers on every response.
 *
 * Environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL (postgres://…, PostgreSQL)
 * or DATABASE_PATH (data/shebao.db, SQLite),
 * TRUST_PROXY (set to 1 behind a reverse proxy so the client address is the
 * forwarded one), NODE_ENV; mail: SMTP_URL, MAIL_FROM, PUBLIC_URL, MAIL_WORKER=0 (no
 * outbox worker in this process), MAIL_POLL_MS (see ADR 0010).
 */
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import remixExpress from "@remix-run/express/dist/server.js";
import { broadcastDevReady, createRequestHandler } from "@remix-run/node";
import express from "express";
import { bodyLimitFor, bodyMessage, bodyMessageLanguage, checkBodyContent, checkBodyHeaders } from "./app/server/body-limits.mjs";
import { checkSameOrigin, CROSS_ORIGIN_MESSAGE } from "./app/server/same-origin.mjs";
import { createSignInGate, PASSWORD_POSTS, signInBusyMessage } from "./app/server/sign-in-gate.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(here, "build", "index.js");
const DEV = process.env.NODE_ENV === "development";
const PORT = Number(process.env.PORT || 3000);
const HOST = process.env.HOST || "127.0.0.1";

/** Import the server build; in development, again whenever it is rebuilt. */
let build = await importBuild();
let buildMtime = mtime();

function mtime() {
  try {
    return statSync(BUILD_PATH).mtimeMs;
  } catch {
    return 0;
  }
}

async function importBuild() {
  const url = pathToFileURL(BUILD_PATH).href;
  const mod = await import(DEV ? `${url}?t=${Date.now()}` : url);
  // Migrations run once, explicitly, when the server starts (never on import).
  await mod.entry.module.startup?.();
  return mod;
}

async function currentBuild() {
  if (!DEV) return build;
  const m = mtime();
  if (m !== buildMtime) {
    buildMtime = m;
    build = await importBuild();
    await broadcastDevReady(build);
  }
  return build;
}

function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // Live reload talks over a websocket in development only.
    DEV ? "connect-src 'self' ws:" : "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY === "1") app.set("trust proxy", 1);

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.set({
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  });
  next();
});

// Writes come from our own pages only: a cross-origin POST (or PUT, DELETE…) is refused
// before anything reads it. Requests with neither Origin nor Sec-Fetch-Site (curl) pass.
app.use((req, res, next) => {
  const verdict = checkSameOrigin({
    method: req.method,
    host: req.get("host"),
    origin: req.get("origin"),
    secFetchSite: req.get("sec-fetch-site"),
    scheme: req.protocol,
  });
  if (verdict.ok) return next();
  res.status(403).set({ "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" }).send(CROSS_ORIGIN_MESSAGE);
});

// Fingerprinted assets: cache forever. Everything else in public/: an hour.
app.use("/build", express.static(path.join(here, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(here, "public"), { maxAge: "1h" }));

// HTML documents, `?_data` loader responses and reports are personal: never cached.
app.use((_req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
});

// Password-checking posts (sign-in, the password forms): a bounded number at once, the rest
// answered "try again later" before anything is read, hashed or rendered. See sign-in-gate.mjs.
const signInGate = createSignInGate();
app.use((req, res, next) => {
  if (req.method !== "POST" || !PASSWORD_POSTS.has(req.path)) return next();
  const leave = signInGate.enter();
  if (!leave) {
    const language = bodyMessageLanguage({ cookie: req.get("cookie"), acceptLanguage: req.get("accept-language") });
    res.status(503).set({ "Retry-After": "30", "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" }).send(signInBusyMessage(language));
    return;
  }
  res.on("finish", leave);
  res.on("close", leave);
  next();
});

// Bodies (every method but GET and HEAD): forms only, within the path's size limit, checked
// against Content-Length before reading and while streaming; a multipart body must parse and
// hold no control characters in its names. The checked body is handed to Remix as a buffer.
// See app/server/body-limits.mjs.
function refuseBody(req, res, status, code, limit) {
  const language = bodyMessageLanguage({ cookie: req.get("cookie"), acceptLanguage: req.get("accept-language") });
  // Close the connection after a refusal: the rest of an oversized body is not read.
  if (status === 413) res.set("Connection", "close");
  res.status(status).set({ "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" }).send(bodyMessage(code, language, limit));
}

app.use(async (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const limit = bodyLimitFor(req.path);
  const head = checkBodyHeaders({
    contentType: req.get("content-type"),
    contentLength: req.get("content-length"),
    chunked: req.get("transfer-encoding") != null,
    limit,
  });
  if (!head.ok) return refuseBody(req, res, head.status, head.code, limit);
  express.raw({ type: () => true, limit })(req, res, async (error) => {
    if (error) {
      const status = error.type === "entity.too.large" ? 413 : error.type === "encoding.unsupported" ? 415 : 400;
      return refuseBody(req, res, status, status === 413 ? "tooLarge" : status === 415 ? "unsupported" : "malformed", limit);
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const content = await checkBodyContent(body, head.contentType);
      if (!content.ok) return refuseBody(req, res, content.status, content.code, limit);
    } catch (e) {
      return next(e);
    }
    res.locals.body = body;
    res.locals.contentType = head.contentType;
    next();
  });
});

/**
 * The Remix Request of an express request: what @remix-run/express's
 * createRemixRequest does, with the body already read and checked above.
 */
const { createRemixHeaders, sendRemixResponse } = remixExpress;

function remixRequest(req, res) {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p, 10)).find((p) => Number.isSafeInteger(p));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller = new AbortController();
  const headers = createRemixHeaders(req.headers);
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = res.locals.body ?? Buffer.alloc(0);
    headers.set("Content-Type", res.locals.contentType ?? "application/x-www-form-urlencoded");
    headers.set("Content-Length", String(body.length));
    headers.delete("Transfer-Encoding");
    headers.delete("Content-Encoding");
    init.body = body;
  }
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}

function makeHandler(b) {
  const handleRequest = createRequestHandler(b, DEV ? "development" : "production");
  return async (req, res, next) => {
    try {
      const response = await handleRequest(remixRequest(req, res), {
        cspNonce: res.locals.cspNonce,
        clientAddress: req.ip || req.socket.remoteAddress || "",
      });
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

let handler = Object.assign(makeHandler(build), { build });

app.all("*", async (req, res, next) => {
  try {
    if (DEV) {
      const b = await currentBuild();
      if (b !== handler.build) handler = Object.assign(makeHandler(b), { build: b });
    }
    await handler(req, res, next);
  } catch (error) {
    next(error);
  }
});

app.listen(PORT, HOST, async () => {
  console.log(`Shebao listening on http://${HOST}:${PORT}`);
  if (DEV) await broadcastDevReady(build);
});
