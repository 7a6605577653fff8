/** A sentence in both languages the bot speaks. */
export interface Bilingual {
  en: string;
  ja: string;
  /** No Japanese one-liner was written: `ja` is the English one, marked as such. */
  jaFromEnglish?: boolean;
}

/** One flag of a command, as the real CLI spells it. */
export interface CatalogFlag {
  /** Long form without dashes: "rm" for `--rm`. */
  long?: string;
  /** Short form without the dash: "d" for `-d`. */
  short?: string;
  /** Does the flag take a value (`-p 9000:8080`, `--name web`)? */
  takesValue: boolean;
  /** Placeholder for the value in usage lines, e.g. "host:container". */
  valueName?: string;
  /**
   * The value may be left out (`--dry-run`); when given it must be attached with `=` (`--dry-run=client`),
   * so the next word is never taken as the value.
   */
  optionalValue?: boolean;
  /** Still accepted by the CLI but deprecated (`kubectl apply --record`). */
  deprecated?: boolean;
  /** Accepted by the CLI but left out of its help (`docker run --net`, compose's `exec -t`). */
  hidden?: boolean;
  summary: Bilingual;
}

/** A positional argument of a command. */
export interface CatalogArg {
  name: string;
  /** Can appear more than once (`docker container rm a b c`). */
  variadic?: boolean;
  optional?: boolean;
  summary: Bilingual;
}

export type Tool = "docker" | "kubectl";

/** One node of the real docker / kubectl command tree. */
export interface CatalogCommand {
  tool: Tool;
  /** Canonical name, words separated by one space: "docker container cp". */
  name: string;
  /** Other full spellings that mean exactly this command: "docker cp". */
  aliases: string[];
  summary: Bilingual;
  args: CatalogArg[];
  flags: CatalogFlag[];
  /**
   * kubectl: the first positional argument names a resource type (`kubectl get pods`), also as a comma
   * list (`pod,deployment`) or as `TYPE/NAME`. The first declared arg is then that TYPE.
   */
  takesResource?: boolean;
  /**
   * Options are read only before the first positional argument; everything after it belongs to the
   * program being started (`docker run IMAGE ls -la`, `docker exec CONTAINER sh -c …`).
   */
  flagsBeforeArgsOnly?: boolean;
  /** Has subcommands of its own (`docker container`, `kubectl rollout`). */
  group?: boolean;
  deprecated?: boolean;
  /** The hand-written layer describes it (en/ja one-liners); otherwise the reference's English only. */
  handWritten?: boolean;
  /** Which reference documents it (an id of the snapshot's sources: docker-cli, compose, buildx, kubectl). */
  source?: string;
}

/**
 * Words that may stand after a kubectl verb as the resource, with the canonical (plural) name first:
 * `kubectl get po` is `kubectl get pods`.
 */
export interface ResourceType {
  name: string;
  aliases: string[];
  summary: Bilingual;
  /** From the reference: the object kind (`Deployment`), its API group (`apps`; `""` is core) and version. */
  kind?: string;
  group?: string;
  version?: string;
}
