// The kustomize overlays (k8s/overlays/): PostgreSQL with two replicas, and Discord sharded in a StatefulSet.
// Rendered with `kubectl kustomize` where kubectl exists, and always with the small build of kustomize-lite.ts
// (the two compared where both run); every rendered object validated against the Kubernetes schemas, and
// checked against what the code reads (variables, shard ids, ports).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Deployment, StatefulSet } from "kubernetes-models/apps/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { discordShard, loadConfig, PROJECT_ROOT } from "../../src/core/config.js";
import { type K8sObject, kustomizeLite } from "./kustomize-lite.js";

const K8S = path.join(PROJECT_ROOT, "k8s");
const OVERLAYS = ["postgres", "discord-shards"] as const;

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Deployment,
  StatefulSet,
  Service,
  ConfigMap,
  Secret,
  PersistentVolumeClaim,
  PodDisruptionBudget,
};

function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}
const KUBECTL = hasKubectl();

function kubectlKustomize(dir: string): K8sObject[] {
  const out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
  return parseAllDocuments(out).map((d) => d.toJS() as K8sObject);
}

/** The overlay as the cluster would receive it: kubectl's build where there is one, else kustomize-lite's. */
function render(dir: string): K8sObject[] {
  return KUBECTL ? kubectlKustomize(dir) : kustomizeLite(dir);
}

const key = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const sorted = (objects: K8sObject[]) => [...objects].sort((a, b) => key(a).localeCompare(key(b)));

function only(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name ?? ""}, found ${found.length}`);
  return found[0]!;
}

const base = render(K8S);
const postgres = render(path.join(K8S, "overlays", "postgres"));
const shards = render(path.join(K8S, "overlays", "discord-shards"));

/** A container's literal env values and its references, by name. */
function envOf(container: K8sObject): Map<string, K8sObject> {
  return new Map(((container.env ?? []) as K8sObject[]).map((e) => [e.name as string, e]));
}

/** Tokens as the Secret notes-tutor-secrets would hold them (read by every pod through envFrom). */
const SECRETS = {
  DISCORD_TOKEN: "discord-token",
  SLACK_BOT_TOKEN: "xoxb-1",
  SLACK_SIGNING_SECRET: "signing",
};

/**
 * What the process sees, as Kubernetes builds it: envFrom (the ConfigMap, then the Secret), then the
 * container's env on top (env wins over envFrom), its literal values and `fromPod` for its references.
 */
function processEnv(
  objects: K8sObject[],
  container: K8sObject,
  fromPod: Record<string, string> = {},
): Record<string, string> {
  const configMap = only(objects, "ConfigMap").data as Record<string, string>;
  const literals = Object.fromEntries(
    [...envOf(container)]
      .filter(([, e]) => typeof e.value === "string")
      .map(([n, e]) => [n, e.value as string]),
  );
  // The database Secret (referenced, never applied) holds a URL in a real cluster.
  const database = { DATABASE_URL: "postgres://tutor:pw@db:5432/tutor" };
  return { ...configMap, ...SECRETS, ...database, ...literals, ...fromPod };
}

describe("kustomize overlays", () => {
  it.each(OVERLAYS)("%s: every rendered object validates against the Kubernetes schemas", (name) => {
    const objects = name === "postgres" ? postgres : shards;
    for (const o of objects) {
      const Model = MODELS[o.kind as string];
      expect(Model, key(o)).toBeDefined();
      expect(() => new Model!(o as never).validate(), key(o)).not.toThrow();
    }
  });

  it.skipIf(!KUBECTL)("kustomize-lite builds the same objects as kubectl kustomize", () => {
    for (const dir of [K8S, ...OVERLAYS.map((o) => path.join(K8S, "overlays", o))])
      expect(sorted(kustomizeLite(dir)), dir).toEqual(sorted(kubectlKustomize(dir)));
  });

  it("kustomize-lite refuses what it does not implement rather than ignoring it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kustomize-lite-"));
    try {
      fs.writeFileSync(path.join(dir, "kustomization.yaml"), "resources: []\nnamePrefix: x-\n");
      expect(() => kustomizeLite(dir)).toThrow(/namePrefix is not supported/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("k8s/ still applies the base unchanged: one SQLite pod on a claim", () => {
    expect(sorted(base)).toEqual(sorted(render(path.join(K8S, "base"))));
    expect(only(base, "Deployment").spec.replicas).toBe(1);
    expect(only(base, "Deployment").spec.strategy.type).toBe("Recreate");
    expect(base.some((o) => o.kind === "PersistentVolumeClaim")).toBe(true);
  });
});

describe("overlay postgres", () => {
  const deployment = only(postgres, "Deployment");
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  it("two replicas, RollingUpdate that keeps both ready, and a comment saying why", () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.strategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
    const text = fs.readFileSync(path.join(K8S, "overlays", "postgres", "deployment-patch.yaml"), "utf8");
    expect(text).toMatch(/#.*unique constraint/);
    expect(text).toMatch(/#.*RollingUpdate/);
    expect(text).toMatch(/#.*shard/);
  });

  it("no PersistentVolumeClaim: /data is the pod's own emptyDir (the index comes from the image)", () => {
    expect(postgres.some((o) => o.kind === "PersistentVolumeClaim")).toBe(false);
    const volumes = pod.volumes as K8sObject[];
    expect(volumes.some((v) => v.persistentVolumeClaim)).toBe(false);
    const mounts = Object.fromEntries(
      (container.volumeMounts as K8sObject[]).map((m) => [m.mountPath, m.name]),
    );
    expect(volumes.find((v) => v.name === mounts["/data"])?.emptyDir).toBeDefined();
    const config = loadConfig(processEnv(postgres, container));
    expect(path.dirname(config.TUTOR_DB)).toBe("/data");
    expect(config.TUTOR_SEED_DB).toBeTruthy();
  });

  it("a PodDisruptionBudget over the Deployment's pods that still lets a drain proceed", () => {
    const pdb = only(postgres, "PodDisruptionBudget");
    for (const [k, v] of Object.entries(pdb.spec.selector.matchLabels as Record<string, string>))
      expect(deployment.spec.template.metadata.labels[k], k).toBe(v);
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it("DATABASE_URL from a required Secret, whose example (not applied) has the key, empty", () => {
    const ref = envOf(container).get("DATABASE_URL")?.valueFrom?.secretKeyRef;
    expect(ref).toMatchObject({ optional: false });
    const examples = parseAllDocuments(
      fs.readFileSync(path.join(K8S, "overlays", "postgres", "database-secret.example.yaml"), "utf8"),
    ).map((d) => d.toJS() as K8sObject);
    const example = only(examples, "Secret", ref.name);
    expect(() => new Secret(example as never).validate()).not.toThrow();
    expect(example.stringData).toEqual({ [ref.key]: "" });
    expect(ref.key).toBe("DATABASE_URL");
    // Applying the example would blank the real URL at every `kubectl apply -k`.
    expect(postgres.some((o) => o.kind === "Secret")).toBe(false);
    // With the URL the Secret would hold, the configuration parses.
    const config = loadConfig(
      processEnv(postgres, container, { DATABASE_URL: "postgres://tutor:pw@db:5432/tutor" }),
    );
    expect(config.DATABASE_URL).toBe("postgres://tutor:pw@db:5432/tutor");
    // An empty value (Kubernetes cannot tell) stops the replica rather than leaving it on its own SQLite file.
    expect(envOf(container).get("TUTOR_STATE_STORE")?.value).toBe("postgres");
    expect(() => loadConfig(processEnv(postgres, container, { DATABASE_URL: "" }))).toThrow(/DATABASE_URL/);
  });

  it("Discord is off in the replicas (two would both be shard 0 of 1)", () => {
    expect(envOf(container).get("DISCORD_TOKEN")).toEqual({ name: "DISCORD_TOKEN", value: "" });
    const config = loadConfig(
      processEnv(postgres, container, { DATABASE_URL: "postgres://tutor:pw@db:5432/tutor" }),
    );
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.SLACK_BOT_TOKEN).toBe(SECRETS.SLACK_BOT_TOKEN);
  });
});

describe("overlay discord-shards", () => {
  const sts = only(shards, "StatefulSet");
  const pod = sts.spec.template.spec;
  const container = pod.containers[0];
  const deployment = only(shards, "Deployment");

  it("builds on the postgres overlay: its Deployment, budget and database Secret reference unchanged", () => {
    expect(deployment).toEqual(only(postgres, "Deployment"));
    expect(only(shards, "PodDisruptionBudget", "notes-tutor")).toEqual(only(postgres, "PodDisruptionBudget"));
    expect(envOf(container).get("DATABASE_URL")).toEqual(
      envOf(deployment.spec.template.spec.containers[0]).get("DATABASE_URL"),
    );
  });

  it("a headless governing Service, and no shard pod behind the Slack Service", () => {
    const headless = only(shards, "Service", sts.spec.serviceName);
    expect(headless.spec.clusterIP).toBe("None");
    for (const [k, v] of Object.entries(headless.spec.selector as Record<string, string>))
      expect(sts.spec.template.metadata.labels[k], k).toBe(v);
    expect(sts.spec.selector.matchLabels).toEqual(headless.spec.selector);
    const slack = only(shards, "Service", "notes-tutor");
    const selects = (labels: Record<string, string>) =>
      Object.entries(slack.spec.selector as Record<string, string>).every(([k, v]) => labels[k] === v);
    expect(selects(sts.spec.template.metadata.labels)).toBe(false);
    expect(selects(deployment.spec.template.metadata.labels)).toBe(true);
  });

  it("one shard per pod: DISCORD_SHARD_COUNT is replicas, each ordinal its own shard, an extra pod refused", () => {
    const env = envOf(container);
    expect(env.get("POD_NAME")?.valueFrom?.fieldRef?.fieldPath).toBe("metadata.name");
    expect(env.has("DISCORD_SHARD_ID")).toBe(false);
    const replicas = sts.spec.replicas as number;
    expect(replicas).toBeGreaterThanOrEqual(2);
    expect(Number(env.get("DISCORD_SHARD_COUNT")?.value)).toBe(replicas);
    // The names the StatefulSet gives its pods, as the downward API hands them to the process.
    const ids = Array.from({ length: replicas }, (_, i) => {
      const shard = discordShard(
        loadConfig(processEnv(shards, container, { POD_NAME: `${sts.metadata.name}-${i}` })),
      );
      expect(shard).toMatchObject({ count: replicas, from: "POD_NAME" });
      return "id" in shard ? shard.id : -1;
    });
    expect(ids).toEqual(Array.from({ length: replicas }, (_, i) => i));
    // Scaled up without raising the count: the extra pod does not start.
    expect(() =>
      loadConfig(processEnv(shards, container, { POD_NAME: `${sts.metadata.name}-${replicas}` })),
    ).toThrow(/POD_NAME pod ordinal/);
  });

  it("at most one pod per ordinal at a time, started one after another", () => {
    expect(sts.spec.podManagementPolicy).toBe("OrderedReady");
    expect(sts.spec.updateStrategy.type).toBe("RollingUpdate");
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect((pod.volumes as K8sObject[]).some((v) => v.persistentVolumeClaim)).toBe(false);
    const text = fs.readFileSync(path.join(K8S, "overlays", "discord-shards", "statefulset.yaml"), "utf8");
    expect(text).toMatch(/#.*ordinal/);
    expect(text).toMatch(/#.*at most one pod per ordinal/);
  });

  it("each platform connects from one workload: Discord from the shards, Slack from the Deployment", () => {
    const shard = loadConfig(processEnv(shards, container, { POD_NAME: `${sts.metadata.name}-0` }));
    expect(shard.DISCORD_TOKEN).toBe(SECRETS.DISCORD_TOKEN);
    expect([shard.SLACK_BOT_TOKEN, shard.SLACK_SIGNING_SECRET, shard.SLACK_APP_TOKEN]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    const app = loadConfig(processEnv(shards, deployment.spec.template.spec.containers[0]));
    expect(app.DISCORD_TOKEN).toBeUndefined();
    expect(app.SLACK_BOT_TOKEN).toBe(SECRETS.SLACK_BOT_TOKEN);
  });

  it("the shard pods are the Deployment's pods otherwise: probes, resources, security, image, shutdown", () => {
    const app = deployment.spec.template.spec;
    for (const field of [
      "startupProbe",
      "livenessProbe",
      "readinessProbe",
      "resources",
      "securityContext",
      "ports",
      "image",
      "envFrom",
      "volumeMounts",
    ])
      expect(container[field], field).toEqual(app.containers[0][field]);
    for (const field of [
      "securityContext",
      "terminationGracePeriodSeconds",
      "automountServiceAccountToken",
      "enableServiceLinks",
      "volumes",
    ])
      expect(pod[field], field).toEqual(app[field]);
    expect(sts.spec.template.metadata.annotations).toEqual(deployment.spec.template.metadata.annotations);
    expect(container.image).toMatch(/^notes-tutor:\S+$/);
  });
});
