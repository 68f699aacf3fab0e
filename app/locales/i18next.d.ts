import "i18next";
import type { Catalog } from "./en";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: { common: Catalog };
  }
}
