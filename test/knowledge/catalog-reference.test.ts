import { describe, expect, it } from "vitest";
import { REFERENCE_LINES } from "../../src/knowledge/catalog/generated/reference.js";
import {
  allCommands,
  dockerGlobalFlags,
  findCommand,
  handWrittenCommands,
  handWrittenGlobalFlags,
  kubectlGlobalFlags,
  kubernetesResources,
  matchCommand,
  matchFlag,
  referenceSources,
} from "../../src/knowledge/catalog/index.js";
import { ENGLISH_ONLY_JA, layerDisagreements } from "../../src/knowledge/catalog/merge.js";
import { referenceSnapshot } from "../../src/knowledge/catalog/snapshot.js";
import { parseSnapshot } from "../../src/knowledge/catalog/snapshot-schema.js";
import type { CatalogCommand, CatalogFlag } from "../../src/knowledge/catalog/types.js";

const snapshot = referenceSnapshot();

function command(name: string): CatalogCommand {
  const found = findCommand(name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

function flag(name: string, typed: string): CatalogFlag | undefined {
  return matchFlag(command(name), typed)?.flag;
}

describe("the generated reference", () => {
  it("is well formed and records each source's version, commit and licence", () => {
    const parsed = parseSnapshot(REFERENCE_LINES);
    expect(parsed.commands.length).toBe(snapshot.commands.length);
    expect(parsed.meta.sources.map((s) => s.id).sort()).toEqual([
      "buildx",
      "compose",
      "docker-cli",
      "kubectl",
      "kubernetes-models",
    ]);
    for (const s of parsed.meta.sources) {
      expect(s.version, s.id).toMatch(/\d+\.\d+/);
      expect(s.licence, s.id).toBe(s.id === "kubernetes-models" ? "MIT" : "Apache-2.0");
      expect(s.url, s.id).toMatch(/^https:\/\/github\.com\//);
    }
    expect(referenceSources).toEqual(parsed.meta.sources);
  });

  it("holds docker (CLI, compose, buildx) and kubectl in full", () => {
    const count = (source: string) => snapshot.commands.filter((c) => c.source === source).length;
    expect(count("docker-cli")).toBeGreaterThan(130);
    expect(count("compose")).toBeGreaterThan(30);
    expect(count("buildx")).toBeGreaterThan(20);
    expect(count("kubectl")).toBeGreaterThan(100);
  });

  it("resolves every command and every alias of the reference to that command", () => {
    for (const c of snapshot.commands) {
      const target = findCommand(c.name);
      expect(target, c.name).toBeDefined();
      for (const spelling of [c.name, ...c.aliases]) {
        expect(findCommand(spelling), spelling).toBe(target);
        const match = matchCommand(spelling.split(" "));
        expect(match?.command, spelling).toBe(target);
        expect(match?.typos, spelling).toEqual([]);
      }
    }
  });

  it("resolves every flag of every command, in its long and its short form", () => {
    let checked = 0;
    for (const c of snapshot.commands) {
      const target = command(c.name);
      for (const f of c.flags) {
        if (f.long) expect(matchFlag(target, `--${f.long}`)?.flag.long, `${c.name} --${f.long}`).toBe(f.long);
        if (f.short) {
          const read = matchFlag(target, `-${f.short}`)?.flag;
          expect(read?.short, `${c.name} -${f.short}`).toBe(f.short);
          expect(read?.long, `${c.name} -${f.short}`).toBe(f.long);
        }
        expect(matchFlag(target, `--${f.long ?? f.short}`)?.flag.takesValue, `${c.name} ${f.long}`).toBe(
          f.takesValue,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it("reads the global flags of both tools", () => {
    for (const f of snapshot.meta.globalFlags.kubectl)
      expect(
        kubectlGlobalFlags.some((g) => g.long === f.long && g.short === f.short),
        f.long,
      ).toBe(true);
    for (const f of snapshot.meta.globalFlags.docker)
      expect(
        dockerGlobalFlags.some((g) => g.long === f.long && g.short === f.short),
        f.long,
      ).toBe(true);
    expect(matchCommand("kubectl --kubeconfig k.yaml -n kube-system get po".split(" "))?.canonical).toBe(
      "kubectl get pods",
    );
    expect(matchCommand("docker -H ssh://me@host --context prod ps".split(" "))?.command.name).toBe(
      "docker container ls",
    );
  });
});

describe("the hand-written layer agrees with the reference", () => {
  const { commands, meta } = snapshot;
  const hand = { commands: handWrittenCommands, globalFlags: handWrittenGlobalFlags };

  it("names only commands, aliases and flags the reference has, paired and valued as it has them", () => {
    expect(layerDisagreements(commands, meta.globalFlags, hand)).toEqual([]);
  });

  it("fails on a one-liner for a flag that no longer exists, or a form the CLI does not pair", () => {
    const run = command("docker container run");
    const stale: CatalogCommand = {
      ...run,
      aliases: [],
      flags: [
        { long: "no-such-flag", takesValue: false, summary: { en: "Gone", ja: "削除済み" } },
        { long: "detach", short: "D", takesValue: false, summary: { en: "x", ja: "x" } },
        { long: "rm", takesValue: true, valueName: "v", summary: { en: "x", ja: "x" } },
      ],
    };
    const ghost: CatalogCommand = { ...stale, name: "docker container teleport", flags: [] };
    expect(layerDisagreements(commands, meta.globalFlags, { ...hand, commands: [stale, ghost] })).toEqual([
      "docker container run --no-such-flag: no such flag in the reference",
      "docker container run --detach: short form -D, the reference has -d",
      "docker container run --rm: the reference says it takes no value",
      "docker container teleport: no such command in the reference",
    ]);
  });
});

describe("the four entries that disagreed with the real CLIs", () => {
  it("kubectl rollout restart has no --dry-run; rollout undo has it", () => {
    expect(flag("kubectl rollout restart", "--dry-run")).toBeUndefined();
    expect(flag("kubectl rollout undo", "--dry-run=client")?.long).toBe("dry-run");
  });

  it("docker container commit: -p/--pause is deprecated and --no-pause exists", () => {
    expect(flag("docker container commit", "-p")).toMatchObject({ long: "pause", deprecated: true });
    expect(flag("docker container commit", "--no-pause")?.takesValue).toBe(false);
  });

  it("compose exec/run -T is --no-tty", () => {
    for (const name of ["docker compose exec", "docker compose run"]) {
      expect(flag(name, "-T")?.long, name).toBe("no-tty");
      // The legacy spelling is still read, with the canonical form as its correction.
      expect(matchFlag(command(name), "--no-TTY"), name).toMatchObject({
        flag: { long: "no-tty" },
        correction: "--no-tty",
      });
    }
  });

  it("--output/--progress/--secret/--ssh are flags of docker buildx build, not of docker image build", () => {
    for (const f of ["--output", "--progress", "--secret", "--ssh"]) {
      expect(flag("docker image build", f), f).toBeUndefined();
      expect(flag("docker buildx build", f)?.long, f).toBe(f.slice(2));
    }
  });
});

describe("what the reference adds", () => {
  it("marks deprecated and hidden flags", () => {
    expect(flag("docker container run", "--kernel-memory")?.deprecated).toBe(true);
    expect(flag("docker container run", "--net")?.hidden).toBe(true);
    expect(flag("docker compose exec", "-t")?.hidden).toBe(true);
    expect(flag("kubectl apply", "--record")).toMatchObject({ deprecated: true, hidden: true });
  });

  it("gives kubectl resource types their kind, API group and version", () => {
    const byName = (n: string) => kubernetesResources.find((r) => r.name === n);
    expect(byName("deployments")).toMatchObject({ kind: "Deployment", group: "apps", version: "v1" });
    expect(byName("pods")).toMatchObject({ kind: "Pod", group: "", version: "v1" });
    expect(byName("events")).toMatchObject({ kind: "Event", group: "" });
    expect(byName("ingresses")).toMatchObject({ group: "networking.k8s.io" });
    for (const r of kubernetesResources) if (r.name !== "all") expect(r.kind, r.name).toBeDefined();
    expect(matchCommand("kubectl get deploy".split(" "))?.resource?.group).toBe("apps");
  });

  it("knows subcommand aliases of every source", () => {
    expect(findCommand("kubectl get po")).toBeUndefined();
    expect(matchCommand(["kubectl", "get", "po"])?.canonical).toBe("kubectl get pods");
    expect(findCommand("docker buildx b")?.name).toBe("docker buildx build");
    expect(findCommand("kubectl create svc nodeport")?.name).toBe("kubectl create service nodeport");
    expect(findCommand("docker compose bridge transformations ls")?.name).toBe(
      "docker compose bridge transformations list",
    );
    expect(findCommand("docker container list")?.name).toBe("docker container ls");
  });

  it("shows the English one-liner, marked, where no Japanese one was written — never a blank", () => {
    const quiet = flag("docker compose watch", "--quiet");
    expect(quiet?.summary.jaFromEnglish).toBe(true);
    expect(quiet?.summary.ja).toBe(`${ENGLISH_ONLY_JA}${quiet?.summary.en}`);
    const unwritten = allCommands.filter((c) => !c.handWritten);
    expect(unwritten.length).toBeGreaterThan(100);
    for (const c of unwritten) expect(c.summary.ja.startsWith(ENGLISH_ONLY_JA), c.name).toBe(true);
    for (const c of allCommands)
      for (const b of [c.summary, ...c.flags.map((f) => f.summary), ...c.args.map((a) => a.summary)]) {
        expect(b.en.trim(), c.name).not.toBe("");
        expect(b.ja.trim(), c.name).not.toBe("");
      }
  });

  it("keeps the hand-written Japanese where it exists", () => {
    expect(flag("docker container run", "--rm")?.summary.jaFromEnglish).toBeUndefined();
    expect(command("docker container run").handWritten).toBe(true);
  });

  it("reads the arguments of a command the hand-written layer does not describe off its usage line", () => {
    expect(command("docker compose scale").args).toMatchObject([
      { name: "SERVICE=REPLICAS", optional: true, variadic: true },
    ]);
    expect(command("docker compose watch").args).toMatchObject([{ name: "SERVICE", optional: true }]);
    const restart = command("kubectl rollout restart");
    expect(restart.takesResource).toBe(true);
    expect(restart.args[0]?.name).toBe("TYPE");
  });
});
