#!/usr/bin/env bash
# `npm run db:generate [-- drizzle-kit options]`: the SQLite migrations (drizzle/) and the
# PostgreSQL ones (drizzle/pg/), from db/schema.ts and its pg-core mirror db/schema.pg.ts.
# Options go to both, e.g. `npm run db:generate -- --custom --name=some_triggers` makes an
# empty custom migration of that name in each folder. One dialect only:
# `npm run db:generate:sqlite -- …` or `npm run db:generate:pg -- …`.
set -euo pipefail
cd "$(dirname "$0")/.."
npx drizzle-kit generate --config db/drizzle.config.ts "$@"
npx drizzle-kit generate --config db/drizzle.pg.config.ts "$@"
