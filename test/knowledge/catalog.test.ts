import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allCommands,
  editDistance,
  findCommand,
  findResource,
  kubernetesResources,
  matchCommand,
  matchFlag,
  suggestCommands,
} from "../../src/knowledge/catalog/index.js";
import type { Bilingual, CatalogCommand } from "../../src/knowledge/catalog/types.js";

const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

function command(name: string): CatalogCommand {
  const found = findCommand(name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

function words(line: string): string[] {
  return line.split(" ");
}

describe("aliases", () => {
  it.each([
    ["docker cp", "docker container cp"],
    ["docker ps", "docker container ls"],
    ["docker container ps", "docker container ls"],
    ["docker container list", "docker container ls"],
    ["docker rm", "docker container rm"],
    ["docker container remove", "docker container rm"],
    ["docker rmi", "docker image rm"],
    ["docker images", "docker image ls"],
    ["docker build", "docker image build"],
    ["docker builder build", "docker image build"],
    ["docker run", "docker container run"],
    ["docker exec", "docker container exec"],
    ["docker logs", "docker container logs"],
    ["docker pull", "docker image pull"],
    ["docker info", "docker system info"],
    ["docker-compose up", "docker compose up"],
    ["docker-compose", "docker compose"],
    ["kubectl config use", "kubectl config use-context"],
    ["kubectl top po", "kubectl top pod"],
    ["kubectl create deploy", "kubectl create deployment"],
  ])("%s is %s", (alias, canonical) => {
    expect(findCommand(alias)?.name).toBe(canonical);
    const match = matchCommand(words(alias));
    expect(match?.command.name).toBe(canonical);
    expect(match?.canonical).toBe(canonical);
    expect(match?.consumed).toBe(words(alias).length);
    expect(match?.typos).toEqual([]);
  });

  it("finds commands by canonical name, ignoring case and extra spaces", () => {
    expect(findCommand("docker container cp")?.name).toBe("docker container cp");
    expect(findCommand("  Docker   CP ")?.name).toBe("docker container cp");
    expect(findCommand("docker")).toBeUndefined();
    expect(findCommand("docker container cpp")).toBeUndefined();
  });

  it("puts the kubectl resource into the canonical form", () => {
    const match = matchCommand(["kubectl", "get", "po"]);
    expect(match?.command.name).toBe("kubectl get");
    expect(match?.canonical).toBe("kubectl get pods");
    expect(match?.resource?.name).toBe("pods");
    expect(match?.consumed).toBe(3);
    expect(matchCommand(words("kubectl describe svc web"))?.canonical).toBe("kubectl describe services");
    expect(matchCommand(words("kubectl get deploy/web"))?.canonical).toBe("kubectl get deployments");
    expect(matchCommand(words("kubectl get pod,rs,deploy"))?.canonical).toBe(
      "kubectl get pods,replicasets,deployments",
    );
    expect(matchCommand(words("kubectl get -o wide nodes"))?.canonical).toBe("kubectl get nodes");
    expect(matchCommand(words("kubectl get -f x.yaml"))?.canonical).toBe("kubectl get");
    expect(matchCommand(words("kubectl get certificates"))?.canonical).toBe("kubectl get");
    expect(matchCommand(words("kubectl get Deployments.apps"))?.canonical).toBe("kubectl get deployments");
  });

  it("skips global flags before the verb", () => {
    const match = matchCommand(words("kubectl -n kube-system get secret"));
    expect(match?.canonical).toBe("kubectl get secrets");
    expect(match?.consumed).toBe(5);
    expect(matchCommand(words("kubectl --context=prod rollout status deploy/web"))?.canonical).toBe(
      "kubectl rollout status deployments",
    );
    expect(matchCommand(words("docker --context prod ps"))?.canonical).toBe("docker container ls");
    expect(matchCommand(words("docker compose -f a.yml -p shop up -d"))?.canonical).toBe("docker compose up");
  });

  it("takes the longest match and leaves the arguments alone", () => {
    expect(matchCommand(words("docker container cp a:/x /tmp"))?.consumed).toBe(3);
    expect(matchCommand(words("docker cp a:/x /tmp"))?.consumed).toBe(2);
    expect(matchCommand(words("docker container"))?.command.name).toBe("docker container");
    expect(matchCommand(words("kubectl create secret generic db --from-literal=a=b"))?.command.name).toBe(
      "kubectl create secret generic",
    );
    expect(matchCommand(words("kubectl create -f x.yaml"))?.command.name).toBe("kubectl create");
    expect(matchCommand(words("docker run nginx ls"))?.command.name).toBe("docker container run");
  });
});

describe("typos", () => {
  it.each([
    ["dokcer cp", "docker container cp", [{ typed: "dokcer", corrected: "docker" }]],
    ["kubctl logs", "kubectl logs", [{ typed: "kubctl", corrected: "kubectl" }]],
    ["kubeclt get pods", "kubectl get pods", [{ typed: "kubeclt", corrected: "kubectl" }]],
    ["docker contianer ls", "docker container ls", [{ typed: "contianer", corrected: "container" }]],
    ["docker-compsoe up", "docker compose up", [{ typed: "docker-compsoe", corrected: "docker-compose" }]],
    [
      "docker imgae prnue",
      "docker image prune",
      [
        { typed: "imgae", corrected: "image" },
        { typed: "prnue", corrected: "prune" },
      ],
    ],
    ["kubectl gte po", "kubectl get pods", [{ typed: "gte", corrected: "get" }]],
    ["kubectl get pdos", "kubectl get pods", [{ typed: "pdos", corrected: "pods" }]],
    [
      "kubectl rollout histroy deployment echo",
      "kubectl rollout history deployments",
      [{ typed: "histroy", corrected: "history" }],
    ],
  ])("%s → %s", (typed, canonical, typos) => {
    const match = matchCommand(words(typed));
    expect(match?.canonical).toBe(canonical);
    expect(match?.typos).toEqual(typos);
  });

  it("does not mistake other tools or unrelated words for docker and kubectl", () => {
    for (const line of [
      "git rebase",
      "dockerd --debug",
      "kubectx prod",
      "kubens default",
      "podman ps",
      "helm install x",
      "k get pods",
      "do cp",
      "",
    ]) {
      expect(matchCommand(line ? words(line) : [])).toBeNull();
    }
  });

  it("refuses an ambiguous typo", () => {
    // "stat" is one edit away from both "start" and "stats".
    expect(matchCommand(words("docker stat web"))).toBeNull();
    expect(suggestCommands("docker stat web")).toEqual(["docker container start", "docker container stats"]);
  });

  it("does not correct very short words", () => {
    expect(matchCommand(words("docker rn"))).toBeNull();
    expect(matchCommand(words("docker cpp"))?.command.name).toBe("docker container cp");
  });
});

describe("suggestions", () => {
  it("gives nothing for unrelated text", () => {
    expect(suggestCommands("git rebase")).toEqual([]);
    expect(suggestCommands("git rebase -i main")).toEqual([]);
    expect(suggestCommands("")).toEqual([]);
    expect(suggestCommands("etcd とは")).toEqual([]);
    expect(suggestCommands("docker frobnicate")).toEqual([]);
  });

  it("suggests canonical names, closest first", () => {
    expect(suggestCommands("dokcer cp")).toEqual(["docker container cp"]);
    expect(suggestCommands("docker ps -a")).toEqual(["docker container ls"]);
    expect(suggestCommands("kubectl get po")).toEqual(["kubectl get pods"]);
    expect(suggestCommands("docker compose upp")).toEqual(["docker compose up"]);
    expect(suggestCommands("$ docker contianer prnue")).toEqual(["docker container prune"]);
    expect(suggestCommands("cp")).toEqual(["docker container cp", "kubectl cp"]);
    expect(suggestCommands("rollout history")).toEqual(["kubectl rollout history"]);
    expect(suggestCommands("docker stat", 1)).toEqual(["docker container start"]);
    expect(suggestCommands("docker stat", 0)).toEqual([]);
  });
});

describe("flags", () => {
  const run = command("docker container run");

  it("matches short and long forms", () => {
    expect(matchFlag(run, "-d")?.flag.long).toBe("detach");
    expect(matchFlag(run, "--detach")?.flag.short).toBe("d");
    expect(matchFlag(run, "-p")?.flag.long).toBe("publish");
    expect(matchFlag(run, "--publish=9000:8080")?.flag.short).toBe("p");
    expect(matchFlag(run, "-p9000:8080")?.flag.long).toBe("publish");
    expect(matchFlag(run, "--name")?.flag.takesValue).toBe(true);
    expect(matchFlag(run, "--rm")?.correction).toBeUndefined();
    expect(matchFlag(run, "-P")?.flag.long).toBe("publish-all");
    expect(matchFlag(run, "--help")?.flag.long).toBe("help");
  });

  it("corrects long options written with one dash", () => {
    expect(matchFlag(run, "-rm")).toMatchObject({ typed: "-rm", correction: "--rm", flag: { long: "rm" } });
    expect(matchFlag(run, "-name")).toMatchObject({ correction: "--name", flag: { long: "name" } });
    expect(matchFlag(command("docker container ls"), "-all")).toMatchObject({ correction: "--all" });
  });

  it("corrects a short flag written with two dashes and a one-letter slip in a long option", () => {
    expect(matchFlag(run, "--d")).toMatchObject({ correction: "-d", flag: { long: "detach" } });
    expect(matchFlag(run, "--detatch")).toMatchObject({ correction: "--detach" });
    expect(matchFlag(command("kubectl get"), "--namspace")).toMatchObject({ correction: "--namespace" });
  });

  it("returns null for unknown flags, clusters and non-flags", () => {
    expect(matchFlag(run, "--no-such-flag")).toBeNull();
    expect(matchFlag(run, "-it")).toBeNull();
    expect(matchFlag(run, "-")).toBeNull();
    expect(matchFlag(run, "--")).toBeNull();
    expect(matchFlag(run, "nginx")).toBeNull();
    expect(matchFlag(run, "-x")).toBeNull();
  });

  it("knows the per-command meaning of a letter", () => {
    expect(matchFlag(command("kubectl logs"), "-f")?.flag.long).toBe("follow");
    expect(matchFlag(command("kubectl apply"), "-f")?.flag.long).toBe("filename");
    expect(matchFlag(command("docker container ls"), "-f")?.flag.long).toBe("filter");
    expect(matchFlag(command("docker container rm"), "-f")?.flag.long).toBe("force");
    expect(matchFlag(command("docker container logs"), "-n")?.flag.long).toBe("tail");
    expect(matchFlag(command("kubectl get"), "-n")?.flag.long).toBe("namespace");
  });

  it("marks kubectl --record as deprecated", () => {
    const record = matchFlag(command("kubectl apply"), "--record")?.flag;
    expect(record?.deprecated).toBe(true);
    expect(record?.summary.en).toMatch(/deprecated/i);
    expect(record?.summary.ja).toContain("非推奨");
  });
});

describe("catalog invariants", () => {
  const bilingual = (where: string, b: Bilingual) => {
    expect(b.en.trim(), `${where} en`).not.toBe("");
    expect(b.ja.trim(), `${where} ja`).not.toBe("");
    expect(JAPANESE.test(b.en), `${where} en is English`).toBe(false);
    expect(JAPANESE.test(b.ja), `${where} ja is Japanese`).toBe(true);
    expect(b.en.includes("\n") || b.ja.includes("\n"), `${where} is one line`).toBe(false);
  };

  it("has an English and a Japanese one-line summary for every command, flag, arg and resource", () => {
    for (const c of allCommands) {
      bilingual(c.name, c.summary);
      for (const f of c.flags) bilingual(`${c.name} ${f.long ?? f.short}`, f.summary);
      for (const a of c.args) bilingual(`${c.name} ${a.name}`, a.summary);
    }
    for (const r of kubernetesResources) bilingual(r.name, r.summary);
  });

  it("has no spelling that names two commands", () => {
    const seen = new Map<string, string>();
    for (const c of allCommands) {
      for (const spelling of [c.name, ...c.aliases]) {
        expect(seen.get(spelling), `${spelling} (${c.name})`).toBeUndefined();
        seen.set(spelling, c.name);
      }
    }
  });

  it("spells names with the tool word and single spaces", () => {
    for (const c of allCommands) {
      for (const spelling of [c.name, ...c.aliases]) {
        expect(spelling).toMatch(/^(docker|docker-compose|kubectl)( [a-z][a-z0-9-]*)*$/);
        const tool = spelling.split(" ")[0];
        expect(tool === "kubectl" ? "kubectl" : "docker").toBe(c.tool);
      }
    }
  });

  it("has no duplicate flag forms within a command, and every flag has a form", () => {
    for (const c of allCommands) {
      const shorts = c.flags.flatMap((f) => (f.short ? [f.short] : []));
      const longs = c.flags.flatMap((f) => (f.long ? [f.long] : []));
      expect(new Set(shorts).size, `${c.name} short flags`).toBe(shorts.length);
      expect(new Set(longs).size, `${c.name} long flags`).toBe(longs.length);
      for (const f of c.flags) {
        expect(f.short !== undefined || f.long !== undefined).toBe(true);
        if (f.short !== undefined) expect(f.short).toMatch(/^[a-zA-Z]$/);
        if (f.long !== undefined) expect(f.long).toMatch(/^[a-zA-Z][a-zA-Z0-9-]*$/);
        if (f.takesValue) expect(f.valueName, `${c.name} --${f.long}`).toBeTruthy();
      }
    }
  });

  it("declares args sensibly: only the last may be variadic, TYPE first for resource verbs", () => {
    for (const c of allCommands) {
      for (const a of c.args.slice(0, -1)) expect(a.variadic, `${c.name} ${a.name}`).toBeFalsy();
      if (c.takesResource) expect(c.args[0]?.name.startsWith("TYPE"), c.name).toBe(true);
    }
  });

  it("has unique resource spellings, plural canonical names and the usual short names", () => {
    const seen = new Set<string>();
    for (const r of kubernetesResources) {
      for (const s of [r.name, ...r.aliases]) {
        expect(seen.has(s), s).toBe(false);
        seen.add(s);
      }
    }
    const expected: [string, string][] = [
      ["po", "pods"],
      ["pod", "pods"],
      ["svc", "services"],
      ["deploy", "deployments"],
      ["rs", "replicasets"],
      ["ns", "namespaces"],
      ["no", "nodes"],
      ["cm", "configmaps"],
      ["secret", "secrets"],
      ["ing", "ingresses"],
      ["pvc", "persistentvolumeclaims"],
      ["pv", "persistentvolumes"],
      ["sts", "statefulsets"],
      ["ds", "daemonsets"],
      ["job", "jobs"],
      ["cj", "cronjobs"],
      ["sa", "serviceaccounts"],
      ["ep", "endpoints"],
      ["ev", "events"],
      ["hpa", "horizontalpodautoscalers"],
    ];
    for (const [alias, name] of expected) expect(findResource(alias)?.name, alias).toBe(name);
  });

  it("covers what a newcomer meets in the first month", () => {
    const docker = [
      ...[
        "run",
        "create",
        "start",
        "stop",
        "restart",
        "rm",
        "ls",
        "exec",
        "logs",
        "cp",
        "inspect",
        "attach",
        "kill",
      ],
      ...[
        "pause",
        "unpause",
        "rename",
        "top",
        "stats",
        "port",
        "prune",
        "commit",
        "diff",
        "export",
        "wait",
        "update",
      ],
    ].map((s) => `docker container ${s}`);
    const images = [
      "build",
      "ls",
      "pull",
      "push",
      "rm",
      "tag",
      "history",
      "inspect",
      "prune",
      "save",
      "load",
      "import",
    ];
    const compose = [
      "up",
      "down",
      "ps",
      "logs",
      "build",
      "exec",
      "run",
      "pull",
      "restart",
      "stop",
      "start",
      "config",
    ];
    const kubectl = [
      ...[
        "get",
        "describe",
        "apply",
        "create",
        "delete",
        "edit",
        "logs",
        "exec",
        "port-forward",
        "proxy",
        "run",
      ],
      ...[
        "expose",
        "scale",
        "set image",
        "label",
        "annotate",
        "top node",
        "top pod",
        "cluster-info",
        "explain",
      ],
      ...[
        "diff",
        "cp",
        "attach",
        "cordon",
        "uncordon",
        "drain",
        "taint",
        "auth can-i",
        "api-resources",
        "version",
      ],
      ...["wait", "patch", "replace", "kustomize"],
      ...["status", "history", "undo", "restart", "pause", "resume"].map((s) => `rollout ${s}`),
      ...["view", "use-context", "get-contexts", "current-context", "set-context"].map((s) => `config ${s}`),
    ];
    const names = [
      ...docker,
      ...images.map((s) => `docker image ${s}`),
      ...["create", "ls", "rm", "inspect", "prune"].map((s) => `docker volume ${s}`),
      ...["create", "ls", "rm", "inspect", "connect", "disconnect", "prune"].map(
        (s) => `docker network ${s}`,
      ),
      ...["prune", "df", "info", "events"].map((s) => `docker system ${s}`),
      ...compose.map((s) => `docker compose ${s}`),
      ...["login", "logout", "search", "version", "swarm init", "swarm join", "buildx build"].map(
        (s) => `docker ${s}`,
      ),
      ...kubectl.map((s) => `kubectl ${s}`),
    ];
    for (const name of names) expect(findCommand(name)?.name, name).toBe(name);
  });
});

describe("edit distance", () => {
  it("counts a transposition as one edit", () => {
    expect(editDistance("dokcer", "docker")).toBe(1);
    expect(editDistance("kubctl", "kubectl")).toBe(1);
    expect(editDistance("contianer", "container")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("日本語", "日本")).toBe(1);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });

  it("is symmetric and zero only for equal strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
      }),
    );
  });
});

describe("robustness", () => {
  it("never throws on arbitrary tokens", () => {
    const word = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.constantFrom(
        "docker",
        "kubectl",
        "docker-compose",
        "get",
        "-n",
        "--",
        "-",
        "|",
        "po,",
        "/",
        "deploy/",
        "=",
        "-it",
      ),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (tokens) => {
        const match = matchCommand(tokens);
        if (match) {
          expect(match.consumed).toBeGreaterThan(0);
          expect(match.consumed).toBeLessThanOrEqual(tokens.length);
          for (const t of tokens) matchFlag(match.command, t);
        }
        const suggestions = suggestCommands(tokens.join(" "));
        expect(suggestions.length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 300 },
    );
  });

  it("stays fast on long input", () => {
    const long = `docker ${"x".repeat(100_000)} ${"-a".repeat(50_000)} ${"日本語".repeat(20_000)}`;
    const started = performance.now();
    matchCommand(long.split(" "));
    suggestCommands(long);
    matchFlag(command("docker container ls"), `-${"a".repeat(100_000)}`);
    matchFlag(command("docker container ls"), `--${"a".repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
