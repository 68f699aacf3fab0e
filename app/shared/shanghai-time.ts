/** Timestamps for people: an ISO instant as `YYYY-MM-DD HH:mm` in Asia/Shanghai (UTC+8, no daylight saving). Same text on server and browser. */
export function shanghaiDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}
