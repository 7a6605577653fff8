import type { CatalogArg, CatalogFlag } from "./types.js";

// Small builders, so that each catalog entry reads like a line of `docker … --help` or `kubectl … --help`.

export interface FlagOptions {
  optionalValue?: boolean;
  deprecated?: boolean;
}

/** "-d, --detach" → { short: "d", long: "detach" } */
export function forms(spec: string): { short?: string; long?: string } {
  const out: { short?: string; long?: string } = {};
  for (const part of spec.split(",")) {
    const p = part.trim();
    if (p.startsWith("--")) out.long = p.slice(2);
    else if (p.startsWith("-")) out.short = p.slice(1);
  }
  return out;
}

/** A flag without a value: `bool("-d, --detach", en, ja)`. */
export function bool(spec: string, en: string, ja: string, options: FlagOptions = {}): CatalogFlag {
  return { ...forms(spec), takesValue: false, ...options, summary: { en, ja } };
}

/** A flag with a value: `opt("-p, --publish", "host:container", en, ja)`. */
export function opt(
  spec: string,
  valueName: string,
  en: string,
  ja: string,
  options: FlagOptions = {},
): CatalogFlag {
  return { ...forms(spec), takesValue: true, valueName, ...options, summary: { en, ja } };
}

export function arg(
  name: string,
  en: string,
  ja: string,
  more: { optional?: boolean; variadic?: boolean } = {},
): CatalogArg {
  return { name, ...more, summary: { en, ja } };
}
