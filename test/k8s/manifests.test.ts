// The Kubernetes manifests (k8s/) and the Dockerfile: valid against the Kubernetes schemas, and consistent
// with the code they deploy (ports, endpoints, variables, user, shutdown bound).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Deployment } from "kubernetes-models/apps/v1";
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from "kubernetes-models/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { configSchema, loadConfig, PROJECT_ROOT, SECRET_VARIABLES } from "../../src/core/config.js";
import { type HealthServer, startHealthServer } from "../../src/service/http.js";
import { Metrics } from "../../src/service/metrics.js";

// The base; k8s/kustomization.yaml is the base unchanged, k8s/overlays/ build on it (test/k8s/overlays.test.ts).
const K8S = path.join(PROJECT_ROOT, "k8s", "base");

type Obj = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is walked freely; every property is asserted.
type Any = any;

interface Manifest {
  file: string;
  doc: Any;
}

function readManifests(): Manifest[] {
  const out: Manifest[] = [];
  for (const file of fs.readdirSync(K8S).sort()) {
    if (!/\.ya?ml$/.test(file)) continue;
    for (const d of parseAllDocuments(fs.readFileSync(path.join(K8S, file), "utf8"))) {
      if (d.errors.length > 0) throw new Error(`${file}: ${d.errors.map((e) => e.message).join("; ")}`);
      const doc = d.toJS() as Obj | null;
      if (doc) out.push({ file, doc });
    }
  }
  return out;
}

const manifests = readManifests();
const byKind = (kind: string): Manifest[] => manifests.filter((m) => m.doc.kind === kind);
const one = (kind: string): Any => {
  const found = byKind(kind);
  if (found.length !== 1) throw new Error(`expected one ${kind} in k8s/, found ${found.length}`);
  return found[0]!.doc;
};

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Deployment,
  Service,
  ConfigMap,
  Secret,
  PersistentVolumeClaim,
};

const deployment = one("Deployment");
const podSpec = deployment.spec.template.spec;
const container = podSpec.containers[0];
const configMap = one("ConfigMap");
const secret = one("Secret");
const service = one("Service");
const pvc = one("PersistentVolumeClaim");

/** A probe's or Service's port (a number or the name of a container port) as a number. */
function containerPortOf(port: number | string): number {
  if (typeof port === "number") return port;
  const named = (container.ports as Any[]).find((p) => p.name === port);
  expect(named, `container port named ${port}`).toBeDefined();
  return named.containerPort;
}

/** Instructions of the Dockerfile's last stage, continuation lines joined, comments dropped. */
function finalStage(): { op: string; args: string }[] {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, "Dockerfile"), "utf8");
  const lines = text
    .replace(/\\\r?\n/g, " ")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const instructions = lines.map((l) => {
    const m = /^(\S+)\s*(.*)$/.exec(l)!;
    return { op: m[1]!.toUpperCase(), args: m[2]! };
  });
  const lastFrom = instructions.map((i) => i.op).lastIndexOf("FROM");
  return instructions.slice(lastFrom);
}

const dockerfile = finalStage();
const instruction = (op: string): string[] => dockerfile.filter((i) => i.op === op).map((i) => i.args);

describe("k8s manifests", () => {
  it("parse and validate against the Kubernetes schemas", () => {
    expect(manifests.map((m) => m.doc.kind).sort()).toEqual(
      ["ConfigMap", "Deployment", "Kustomization", "PersistentVolumeClaim", "Secret", "Service"].sort(),
    );
    for (const m of manifests) {
      if (m.doc.kind === "Kustomization") continue;
      const Model = MODELS[m.doc.kind as string];
      expect(Model, `${m.file}: ${m.doc.kind}`).toBeDefined();
      expect(() => new Model!(m.doc as never).validate(), m.file).not.toThrow();
    }
  });

  it("the kustomization lists every manifest, except the Secret example", () => {
    const k = one("Kustomization");
    expect(k.apiVersion).toBe("kustomize.config.k8s.io/v1beta1");
    const files = fs
      .readdirSync(K8S)
      .filter((f) => /\.ya?ml$/.test(f) && f !== "kustomization.yaml" && f !== "secret.example.yaml");
    expect([...k.resources].sort()).toEqual(files.sort());
    // Applying an example with empty values would blank the real tokens at every `kubectl apply -k`.
    expect(k.resources).not.toContain("secret.example.yaml");
    expect(fs.existsSync(path.join(K8S, "secret.example.yaml"))).toBe(true);
    // The image the Deployment names is the one the kustomization sets.
    expect((k.images as Any[]).map((i) => i.name)).toContain(container.image.split(":")[0]);
  });

  it("one replica with the Recreate strategy, and a comment saying why", () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy.type).toBe("Recreate");
    const text = fs.readFileSync(path.join(K8S, "deployment.yaml"), "utf8");
    expect(text).toMatch(/#.*SQLite/);
    expect(text).toMatch(/#.*ReadWriteOnce/);
    expect(text).toMatch(/#.*PostgreSQL/);
    expect(text).toMatch(/#.*shard/i);
    expect(pvc.spec.accessModes).toEqual(["ReadWriteOnce"]);
  });

  it("the container port is PORT of the config and of the ConfigMap", () => {
    const port = containerPortOf("http");
    expect(port).toBe(loadConfig({}).PORT);
    expect(Number(configMap.data.PORT)).toBe(port);
    expect(containerPortOf(service.spec.ports[0].targetPort)).toBe(port);
    expect(service.spec.ports[0].port).toBe(port);
    for (const [k, v] of Object.entries(service.spec.selector as Obj))
      expect(deployment.spec.template.metadata.labels[k], k).toBe(v);
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
  });

  describe("probes", () => {
    let server: HealthServer;
    beforeAll(async () => {
      server = await startHealthServer({
        port: 0,
        host: "127.0.0.1",
        metrics: new Metrics(),
        checks: () => [{ name: "database", ready: () => true }],
        draining: () => false,
      });
    });
    afterAll(() => server.close());

    it("liveness, readiness and startup point at endpoints the service serves, on the container port", async () => {
      const probes = {
        livenessProbe: "/healthz",
        readinessProbe: "/readyz",
        startupProbe: "/healthz",
      } as const;
      for (const [name, expected] of Object.entries(probes)) {
        const probe = container[name];
        expect(probe, name).toBeDefined();
        expect(probe.httpGet.path, name).toBe(expected);
        expect(containerPortOf(probe.httpGet.port), name).toBe(loadConfig({}).PORT);
        const res = await fetch(`http://127.0.0.1:${server.port}${probe.httpGet.path}`);
        expect(res.status, `${name} ${probe.httpGet.path}`).toBe(200);
      }
      // The startup probe leaves time for a first start that reindexes large notes.
      const startup = container.startupProbe;
      expect(startup.periodSeconds * startup.failureThreshold).toBeGreaterThanOrEqual(60);
    });

    it("Prometheus scrape annotations point at /metrics on the container port", async () => {
      const a = deployment.spec.template.metadata.annotations;
      expect(a["prometheus.io/scrape"]).toBe("true");
      expect(Number(a["prometheus.io/port"])).toBe(containerPortOf("http"));
      expect(a["prometheus.io/path"]).toBe("/metrics");
      const res = await fetch(`http://127.0.0.1:${server.port}${a["prometheus.io/path"]}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("tutor_index_entries");
    });
  });

  it("the Secret example holds exactly the secret variables, without values", () => {
    expect(secret.metadata.name).toBeTruthy();
    const values = { ...(secret.stringData ?? {}), ...(secret.data ?? {}) } as Record<string, string>;
    expect(Object.keys(values).sort()).toEqual([...SECRET_VARIABLES].sort());
    for (const [k, v] of Object.entries(values)) expect(v, k).toBe("");
    // Referenced by the Deployment, optional so the pod starts without Slack or Discord.
    const ref = (container.envFrom as Any[]).find((e) => e.secretRef)?.secretRef;
    expect(ref?.name).toBe(secret.metadata.name);
    expect(ref?.optional).toBe(true);
  });

  it("the ConfigMap holds only non-secret variables the config reads, and they parse", () => {
    const known = new Set(Object.keys(configSchema.shape));
    for (const key of Object.keys(configMap.data)) {
      expect(known.has(key), `${key} is not a variable of src/core/config.ts`).toBe(true);
      expect((SECRET_VARIABLES as readonly string[]).includes(key), `${key} is a secret`).toBe(false);
      expect(typeof configMap.data[key], key).toBe("string");
    }
    const config = loadConfig({ ...configMap.data, ...secret.stringData });
    expect(config.TUTOR_TERMINAL).toBe("off");
    expect(path.dirname(config.TUTOR_DB)).toBe("/data");
    const ref = (container.envFrom as Any[]).find((e) => e.configMapRef)?.configMapRef;
    expect(ref?.name).toBe(configMap.metadata.name);
  });

  it("terminationGracePeriodSeconds covers the shutdown bound", () => {
    const timeoutMs = loadConfig(configMap.data).SHUTDOWN_TIMEOUT_MS;
    // main.ts drains for SHUTDOWN_TIMEOUT_MS and forces an exit 2 s later.
    expect(podSpec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(timeoutMs / 1000 + 2);
  });

  it("runs non-root, read-only, without privileges, with /data on the claim and /tmp in an emptyDir", () => {
    const pod = podSpec.securityContext;
    expect(pod).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(container.securityContext.privileged ?? false).toBe(false);
    expect(container.securityContext.capabilities.add ?? []).toEqual([]);
    const mounts = Object.fromEntries((container.volumeMounts as Any[]).map((m) => [m.mountPath, m.name]));
    const volumes = Object.fromEntries((podSpec.volumes as Any[]).map((v) => [v.name, v]));
    expect(volumes[mounts["/data"]]?.persistentVolumeClaim?.claimName).toBe(pvc.metadata.name);
    expect(volumes[mounts["/tmp"]]?.emptyDir).toBeDefined();
    expect(Object.keys(mounts).sort()).toEqual(["/data", "/tmp"]);
  });

  it("has resource requests and limits, requests within limits", () => {
    const { requests, limits } = container.resources;
    const mi = (q: string) => {
      const m = /^(\d+)(Mi|Gi)$/.exec(q);
      expect(m, q).not.toBeNull();
      return Number(m![1]) * (m![2] === "Gi" ? 1024 : 1);
    };
    const cores = (q: string | number) =>
      String(q).endsWith("m") ? Number.parseInt(String(q), 10) / 1000 : Number(q);
    expect(mi(requests.memory)).toBeLessThanOrEqual(mi(limits.memory));
    expect(cores(requests.cpu)).toBeLessThanOrEqual(cores(limits.cpu));
    // Measured: ~210 MB under a sustained burst, plus ~90 MB per `kubectl exec` CLI query.
    expect(mi(limits.memory)).toBeGreaterThanOrEqual(384);
  });

  it.skipIf(!hasKubectl())("kubectl kustomize builds the base", () => {
    const out = execFileSync("kubectl", ["kustomize", K8S], { encoding: "utf8" });
    const kinds = parseAllDocuments(out).map((d) => (d.toJS() as Obj).kind);
    expect(kinds.sort()).toEqual(["ConfigMap", "Deployment", "PersistentVolumeClaim", "Service"]);
    expect(out).toMatch(/image: notes-tutor:\S+/);
  });
});

describe("Dockerfile", () => {
  it("runs as the uid and gid of runAsUser and runAsGroup, numerically", () => {
    const users = instruction("USER");
    expect(users.length).toBeGreaterThan(0);
    const [uid, gid] = users.at(-1)!.split(":");
    expect(Number(uid)).toBe(podSpec.securityContext.runAsUser);
    expect(Number(gid)).toBe(podSpec.securityContext.runAsGroup);
  });

  it("matches the manifests: port, database, volume, health check, signal, command", () => {
    expect(instruction("EXPOSE")).toEqual([String(containerPortOf("http"))]);
    const env = instruction("ENV").join(" ");
    expect(env).toContain(`TUTOR_DB=${configMap.data.TUTOR_DB}`);
    expect(env).toContain(`TUTOR_SEED_DB=${configMap.data.TUTOR_SEED_DB}`);
    expect(env).toContain("TUTOR_TERMINAL=off");
    expect(instruction("VOLUME").join(" ")).toContain("/data");
    expect(instruction("HEALTHCHECK").join(" ")).toContain("/healthz");
    expect(instruction("STOPSIGNAL")).toEqual(["SIGTERM"]);
    // node as PID 1, not npm (which does not forward SIGTERM).
    const cmd = JSON.parse(instruction("CMD").at(-1)!) as string[];
    expect(cmd[0]).toBe("node");
    // The script is the last argument (node's own flags, such as the young generation's size, come first).
    expect(fs.existsSync(path.join(PROJECT_ROOT, "src", `${path.basename(cmd.at(-1)!, ".js")}.ts`))).toBe(
      true,
    );
  });

  it("builds FROM node:24-bookworm-slim in both stages", () => {
    const text = fs.readFileSync(path.join(PROJECT_ROOT, "Dockerfile"), "utf8");
    expect(text).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    const froms = text.split("\n").filter((l) => /^FROM\s/i.test(l));
    expect(froms).toHaveLength(2);
    for (const f of froms) expect(f).toMatch(/^FROM \$\{NODE_IMAGE\}/);
  });
});

function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
