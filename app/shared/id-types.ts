/**
 * The identity document types for forms. db/schema's ID_TYPES would pull
 * drizzle into the browser bundle; the assertions keep the two lists equal.
 */
import type { IdType } from "../../db/schema";

export const ID_TYPE_OPTIONS = ["resident_id", "passport", "permit"] as const satisfies readonly IdType[];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsSchema: Same<(typeof ID_TYPE_OPTIONS)[number], IdType> = true;
void sameAsSchema;
