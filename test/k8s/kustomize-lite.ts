/**
 * A small kustomize build for the manifest tests on machines without kubectl: exactly the features the
 * kustomizations in k8s/ use, and a refusal for any other. `resources` (files, and folders with their own
 * kustomization), `patches` that are either a strategic-merge `$patch: delete` of a whole resource or an
 * RFC 6902 JSON patch with a `target`, and `images` (newName, newTag). Where kubectl exists, the overlay test
 * checks that this build and `kubectl kustomize` give the same objects, so it cannot drift from kustomize.
 */
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments, parse as parseYaml } from "yaml";

// biome-ignore lint/suspicious/noExplicitAny: manifests are walked freely by JSON pointer.
export type K8sObject = Record<string, any>;

const SUPPORTED = new Set(["apiVersion", "kind", "resources", "patches", "images"]);

function readDocs(file: string): K8sObject[] {
  return parseAllDocuments(fs.readFileSync(file, "utf8"))
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`${file}: ${d.errors.map((e) => e.message).join("; ")}`);
      return d.toJS() as K8sObject | null;
    })
    .filter((d): d is K8sObject => d !== null);
}

/** RFC 6902 path segments (`~1` is `/`, `~0` is `~`). */
function pointer(p: string): string[] {
  if (!p.startsWith("/")) throw new Error(`JSON patch path must start with /: ${p}`);
  return p
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function applyOp(doc: K8sObject, op: { op: string; path: string; value?: unknown }): void {
  const segs = pointer(op.path);
  const last = segs.pop();
  if (last === undefined) throw new Error("JSON patch on the whole document is not supported");
  let parent: K8sObject = doc;
  for (const s of segs) {
    parent = Array.isArray(parent) ? parent[Number(s)] : parent[s];
    if (parent === undefined || parent === null) throw new Error(`JSON patch path not found: ${op.path}`);
  }
  if (Array.isArray(parent)) {
    const i = last === "-" ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new Error(`bad index in ${op.path}`);
    if (op.op === "add") parent.splice(i, 0, structuredClone(op.value));
    else if (op.op === "replace" && i < parent.length) parent[i] = structuredClone(op.value);
    else if (op.op === "remove" && i < parent.length) parent.splice(i, 1);
    else throw new Error(`cannot ${op.op} ${op.path}`);
    return;
  }
  if (op.op === "add") parent[last] = structuredClone(op.value);
  else if (op.op === "replace" && last in parent) parent[last] = structuredClone(op.value);
  else if (op.op === "remove" && last in parent) delete parent[last];
  else throw new Error(`cannot ${op.op} ${op.path}`);
}

const matches = (o: K8sObject, t: { kind?: string; name?: string; group?: string; version?: string }) => {
  const [group, version] = String(o.apiVersion).includes("/")
    ? String(o.apiVersion).split("/")
    : ["", o.apiVersion];
  return (
    (t.kind === undefined || o.kind === t.kind) &&
    (t.name === undefined || o.metadata?.name === t.name) &&
    (t.group === undefined || group === t.group) &&
    (t.version === undefined || version === t.version)
  );
};

/** `name[:tag]` with a registry port kept in the name. */
function splitImage(image: string): { name: string; tag: string | undefined } {
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  return colon > slash
    ? { name: image.slice(0, colon), tag: image.slice(colon + 1) }
    : { name: image, tag: undefined };
}

function setImages(
  objects: K8sObject[],
  images: { name: string; newName?: string; newTag?: string }[],
): void {
  for (const o of objects) {
    const pod = o.spec?.template?.spec;
    if (!pod) continue;
    for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
      const { name, tag } = splitImage(String(c.image));
      const rule = images.find((i) => i.name === name);
      if (!rule) continue;
      const newTag = rule.newTag ?? tag;
      c.image = `${rule.newName ?? name}${newTag === undefined ? "" : `:${newTag}`}`;
    }
  }
}

/** The objects `kustomize build dir` would give, for the features above; throws on any other. */
export function kustomizeLite(dir: string): K8sObject[] {
  const k = parseYaml(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as K8sObject;
  for (const key of Object.keys(k))
    if (!SUPPORTED.has(key)) throw new Error(`${dir}: kustomization field ${key} is not supported here`);
  const objects: K8sObject[] = [];
  for (const r of (k.resources ?? []) as string[]) {
    const p = path.join(dir, r);
    objects.push(...(fs.statSync(p).isDirectory() ? kustomizeLite(p) : readDocs(p)));
  }
  for (const patch of (k.patches ?? []) as K8sObject[]) {
    if (typeof patch.path !== "string" || patch.patch !== undefined)
      throw new Error(`${dir}: only patches from a file are supported`);
    const docs = readDocs(path.join(dir, patch.path));
    const body = parseYaml(fs.readFileSync(path.join(dir, patch.path), "utf8")) as unknown;
    if (Array.isArray(body)) {
      if (!patch.target) throw new Error(`${dir}: a JSON patch needs a target`);
      const targets = objects.filter((o) => matches(o, patch.target));
      if (targets.length === 0) throw new Error(`${dir}: ${patch.path} matches no resource`);
      for (const o of targets) for (const op of body) applyOp(o, op);
    } else if (docs.length === 1 && docs[0]?.$patch === "delete") {
      const d = docs[0];
      const before = objects.length;
      const kept = objects.filter((o) => !matches(o, { kind: d.kind, name: d.metadata?.name }));
      if (kept.length === before) throw new Error(`${dir}: ${patch.path} deletes nothing`);
      objects.splice(0, objects.length, ...kept);
    } else {
      throw new Error(`${dir}: ${patch.path}: only JSON patches and $patch: delete are supported`);
    }
  }
  if (k.images) setImages(objects, k.images);
  return objects;
}
