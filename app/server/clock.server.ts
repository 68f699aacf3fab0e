/** The clock, kept outside `app/rules`: today in Asia/Shanghai (SPEC §1). */
import { shanghaiDate } from "~/rules/dates";

export function today(): string {
  return shanghaiDate(new Date());
}
