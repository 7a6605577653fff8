import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import type { LineCounter, Node, Scalar, YAMLMap, YAMLSeq } from "yaml";
import type { Finding } from "./entries.js";
import type { CodeBlock } from "./markdown.js";

/** `yaml`, loaded on first use (only indexing reads manifests); CommonJS, so require works everywhere. */
const requireHere = createRequire(import.meta.url);
const yaml = (): typeof Yaml => requireHere("yaml") as typeof Yaml;
const isMap = (node: unknown): node is YAMLMap => yaml().isMap(node);
const isScalar = (node: unknown): node is Scalar => yaml().isScalar(node);
const isSeq = (node: unknown): node is YAMLSeq => yaml().isSeq(node);

/** A field of a manifest that the note explains with an inline comment (`replicas: 3 # 作成するPod数`). */
export interface CommentedField {
  path: string;
  value: string;
  comment: string;
  line: number;
}

export interface ManifestInfo {
  kind: string;
  apiVersion: string;
  name: string;
  fields: CommentedField[];
  findings: Finding[];
}

const CONTAINER_FIELDS = new Set(
  "name image command args workingDir ports env envFrom resources volumeMounts volumeDevices livenessProbe readinessProbe startupProbe lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty resizePolicy restartPolicy".split(
    " ",
  ),
);
const ENV_FIELDS = new Set(["name", "value", "valueFrom"]);
const PORT_FIELDS = new Set(["name", "containerPort", "hostPort", "hostIP", "protocol"]);

/** Does this code block look like a Kubernetes (or Compose) YAML document? */
export function looksLikeYaml(block: CodeBlock): boolean {
  if (block.lang && /^ya?ml$/i.test(block.lang)) return true;
  if (block.fileName && /\.ya?ml$/i.test(block.fileName)) return true;
  return /^\s*apiVersion\s*:/m.test(block.value) && /^\s*kind\s*:/m.test(block.value);
}

interface Ctx {
  file: string;
  blockLine: number;
  lc: LineCounter;
  findings: Finding[];
}

function lineAt(ctx: Ctx, node: Node | null | undefined): number {
  const offset = node?.range?.[0] ?? 0;
  return ctx.blockLine + ctx.lc.linePos(offset).line;
}

function keyName(k: unknown): string {
  return isScalar(k) ? String(k.value) : String(k);
}

function checkList(ctx: Ctx, seq: unknown, known: Set<string>, what: string, where: string): void {
  if (!isSeq(seq)) return;
  for (const item of seq.items) {
    if (isScalar(item) && typeof item.value === "string" && /^[A-Za-z]\w*:\S/.test(item.value)) {
      const [k, ...rest] = item.value.split(":");
      const fixed = `${k}: ${rest.join(":")}`;
      ctx.findings.push({
        kind: "yaml",
        file: ctx.file,
        line: lineAt(ctx, item),
        excerpt: `- ${item.value}`,
        message: {
          en: `\`${item.value}\` needs a space after the colon: as written it is one string, not the field \`${k}\` of a ${what}.`,
          ja: `\`${item.value}\` はコロンの後に空白が必要です。このままでは ${what} のフィールド \`${k}\` ではなく、ただの文字列になります。`,
        },
        correction: `- ${fixed}`,
      });
      continue;
    }
    if (!isMap(item)) continue;
    for (const pair of (item as YAMLMap).items) {
      const k = keyName(pair.key);
      if (known.has(k)) continue;
      const keyNode = isScalar(pair.key) ? pair.key : null;
      const hint =
        what === "environment variable" && (k === "ports" || CONTAINER_FIELDS.has(k))
          ? {
              en: `\`${k}\` is indented under an entry of \`env\` (${where}), so it belongs to the environment variable, which has no such field. It is a field of the container: indent it to the level of \`env:\`.`,
              ja: `\`${k}\` が \`env\` の要素 (${where}) の下にインデントされているため、環境変数のフィールドとして読まれます (そのようなフィールドはありません)。コンテナのフィールドなので \`env:\` と同じ深さに戻してください。`,
            }
          : {
              en: `\`${k}\` is not a field of a ${what} (${where}); check its indentation and spelling.`,
              ja: `\`${k}\` は ${what} のフィールドではありません (${where})。インデントと綴りを確認してください。`,
            };
      ctx.findings.push({
        kind: "yaml",
        file: ctx.file,
        line: lineAt(ctx, keyNode),
        excerpt: `${k}:`,
        message: hint,
      });
    }
  }
}

function mapGet(node: unknown, key: string): unknown {
  return isMap(node) ? node.get(key, true) : undefined;
}

function checkPodSpec(ctx: Ctx, spec: unknown, where: string): void {
  const containers = mapGet(spec, "containers");
  if (!isSeq(containers)) return;
  checkList(ctx, containers, CONTAINER_FIELDS, "container", where);
  for (const c of containers.items) {
    const name = keyName(mapGet(c, "name") ?? "?");
    checkList(ctx, mapGet(c, "env"), ENV_FIELDS, "environment variable", `container ${name}`);
    checkList(ctx, mapGet(c, "ports"), PORT_FIELDS, "container port", `container ${name}`);
  }
}

function collectComments(ctx: Ctx, node: unknown, prefix: string, out: CommentedField[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const k = keyName(pair.key);
      const p = prefix ? `${prefix}.${k}` : k;
      const v = pair.value as Node | null;
      const comment = (isScalar(v) && v.comment) || (isScalar(pair.key) && pair.key.comment) || "";
      const collectionComment =
        v && !isScalar(v) ? (v as { commentBefore?: string | null }).commentBefore : "";
      const text = (comment || collectionComment || "").trim();
      if (text) {
        out.push({
          path: p,
          value: isScalar(v) ? String(v.value) : "",
          comment: text,
          line: lineAt(ctx, isScalar(pair.key) ? pair.key : null),
        });
      }
      collectComments(ctx, v, p, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      collectComments(ctx, item, `${prefix}[${i}]`, out);
    });
  }
}

/**
 * Reads a YAML block as a Kubernetes manifest: its kind and name, the fields the note explains with
 * comments, and findings where it does not parse, or does not parse as meant (a mis-indented field).
 */
export function analyzeYaml(file: string, block: CodeBlock): ManifestInfo {
  const { LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  const ctx: Ctx = { file, blockLine: block.line, lc, findings: [] };
  const doc = parseDocument(block.value, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  for (const err of doc.errors) {
    const line = block.line + (err.linePos?.[0]?.line ?? 1);
    ctx.findings.push({
      kind: "yaml",
      file,
      line,
      excerpt: block.value.split("\n")[line - block.line - 1]?.trim() ?? "",
      message: {
        en: `This YAML does not parse: ${err.message.split("\n")[0]}`,
        ja: `この YAML は解析できません: ${err.message.split("\n")[0]}`,
      },
    });
  }
  const root = doc.contents;
  const kind = keyName(mapGet(root, "kind") ?? "");
  const apiVersion = keyName(mapGet(root, "apiVersion") ?? "");
  const name = keyName(mapGet(mapGet(root, "metadata"), "name") ?? "");
  const label = block.fileName ?? (kind ? `${kind} ${name}`.trim() : "manifest");
  if (kind === "Pod") checkPodSpec(ctx, mapGet(root, "spec"), label);
  else if (["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"].includes(kind)) {
    checkPodSpec(ctx, mapGet(mapGet(mapGet(root, "spec"), "template"), "spec"), label);
  }
  const fields: CommentedField[] = [];
  collectComments(ctx, root, "", fields);
  return { kind, apiVersion, name, fields, findings: ctx.findings };
}

export const DOCKERFILE_INSTRUCTIONS = new Set(
  "FROM RUN CMD LABEL MAINTAINER EXPOSE ENV ADD COPY ENTRYPOINT VOLUME USER WORKDIR ARG ONBUILD STOPSIGNAL HEALTHCHECK SHELL".split(
    " ",
  ),
);

export interface DockerfileInstruction {
  instruction: string;
  args: string;
  line: number;
}

/** Does this code block look like a Dockerfile? */
export function looksLikeDockerfile(block: CodeBlock): boolean {
  if (block.lang && /^(docker|dockerfile)$/i.test(block.lang)) return true;
  const first = block.value.split("\n").find((l) => l.trim() && !l.trim().startsWith("#"));
  return first !== undefined && /^FROM\s+\S/i.test(first.trim());
}

export function parseDockerfile(block: CodeBlock): DockerfileInstruction[] {
  const out: DockerfileInstruction[] = [];
  block.value.split("\n").forEach((raw, i) => {
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(raw);
    if (m?.[1] && DOCKERFILE_INSTRUCTIONS.has(m[1].toUpperCase())) {
      out.push({ instruction: m[1].toUpperCase(), args: (m[2] ?? "").trim(), line: block.line + 1 + i });
    }
  });
  return out;
}

/** Mistakes in a Dockerfile that would make `docker build` fail or do something else than meant. */
export function checkDockerfile(file: string, block: CodeBlock): Finding[] {
  const findings: Finding[] = [];
  for (const ins of parseDockerfile(block)) {
    if (ins.instruction === "FROM") {
      const m = /^(\S+):\s+(\S+)(.*)$/.exec(ins.args);
      if (m) {
        const fixed = `FROM ${m[1]}:${m[2]}${m[3] ?? ""}`;
        findings.push({
          kind: "dockerfile",
          file,
          line: ins.line,
          excerpt: `FROM ${ins.args}`,
          message: {
            en: `An image reference has no space after the colon: \`${fixed}\`. With the space, Docker reads \`${m[1]}:\` as the image and fails.`,
            ja: `イメージ名とタグの間のコロンの後に空白は入れません: \`${fixed}\`。空白があると Docker は \`${m[1]}:\` をイメージ名と読み、ビルドに失敗します。`,
          },
          correction: fixed,
        });
      }
    }
    if ((ins.instruction === "CMD" || ins.instruction === "ENTRYPOINT") && ins.args.startsWith("[")) {
      try {
        JSON.parse(ins.args);
      } catch {
        findings.push({
          kind: "dockerfile",
          file,
          line: ins.line,
          excerpt: `${ins.instruction} ${ins.args}`,
          message: {
            en: `The exec form of ${ins.instruction} must be a JSON array with double quotes.`,
            ja: `${ins.instruction} の exec 形式はダブルクォートを使った JSON 配列で書く必要があります。`,
          },
        });
      }
    }
  }
  return findings;
}

/** A shell script whose first line swaps the shebang's characters (`!#/bin/sh`). */
export function checkScript(file: string, block: CodeBlock): Finding[] {
  const first = block.value.split("\n")[0]?.trim() ?? "";
  const m = /^!#\s*(\/\S+.*)$/.exec(first);
  if (!m) return [];
  return [
    {
      kind: "script",
      file,
      line: block.line + 1,
      excerpt: first,
      message: {
        en: `The first line of a script is a shebang, written \`#!\` (hash, then exclamation mark): \`#!${m[1]}\`.`,
        ja: `スクリプトの1行目 (シバン) は \`#!\` の順に書きます: \`#!${m[1]}\`。`,
      },
      correction: `#!${m[1]}`,
    },
  ];
}
