import { describe, expect, it } from "vitest";
import { breakDownLine, explainLine, type Piece, type Segment } from "../../src/knowledge/command-line.js";

// Command lines as READMEs and blog posts write them (written for this test), broken down part by part.

function piece(p: Piece): string {
  switch (p.kind) {
    case "command":
      return `[${p.canonical}]`;
    case "flag": {
      const form = p.flag.long ? `--${p.flag.long}` : `-${p.flag.short}`;
      const marks = `${p.flag.deprecated ? " (deprecated)" : ""}${p.correction ? ` (typed ${p.text})` : ""}`;
      return `${form}${p.value !== undefined ? `=${p.value}` : ""}${marks}`;
    }
    case "unknown-flag":
      return `?${p.text}${p.alsoIn ? ` (in ${p.alsoIn.join(", ")})` : ""}`;
    case "resource":
      return `<${p.resource.name}>`;
    case "argument":
      return `${p.arg?.name ?? "?"}=${p.text}`;
  }
}

function segment(s: Segment): string {
  if (s.kind === "output") return `output: ${s.text}`;
  if (s.kind === "other") return `other: ${s.program}${s.nested ? " (nested)" : ""}`;
  return `${s.nested ? "nested " : ""}${s.breakdown.pieces.map(piece).join(" ")}`;
}

const LINES: [string, string[]][] = [
  [
    "sudo docker run --gpus all --shm-size=1g -e FOO=bar --restart unless-stopped nginx | tee log",
    [
      "[docker container run] --gpus=all --shm-size=1g --env=FOO=bar --restart=unless-stopped IMAGE=nginx",
      "other: tee",
    ],
  ],
  ["kubectl get pods | grep web", ["[kubectl get] <pods>", "other: grep"]],
  [
    "docker build -t myapp . && docker run -d -p 8080:80 --name web myapp",
    [
      "[docker image build] --tag=myapp PATH | URL | -=.",
      "[docker container run] --detach --publish=8080:80 --name=web IMAGE=myapp",
    ],
  ],
  [
    "docker rm -f $(docker ps -aq)",
    [
      "[docker container rm] --force CONTAINER=$(docker ps -aq)",
      "nested [docker container ls] --all --quiet",
    ],
  ],
  [
    "docker stop `docker ps -q --filter ancestor=nginx`",
    [
      "[docker container stop] CONTAINER=`docker ps -q --filter ancestor=nginx`",
      "nested [docker container ls] --quiet --filter=ancestor=nginx",
    ],
  ],
  [
    'kubectl rollout undo deployment echo\ndeployment "echo" rolled back',
    ["[kubectl rollout undo] <deployments> NAME=echo", 'output: deployment "echo" rolled back'],
  ],
  [
    "$ kubectl get nodes\nNAME       STATUS   ROLES           AGE   VERSION\nminikube   Ready    control-plane   1d    v1.32.0",
    [
      "[kubectl get] <nodes>",
      "output: NAME       STATUS   ROLES           AGE   VERSION",
      "output: minikube   Ready    control-plane   1d    v1.32.0",
    ],
  ],
  [
    "kubectl rollout restart deployment web --dry-run=client",
    ["[kubectl rollout restart] <deployments> NAME=web ?--dry-run (in kubectl rollout undo)"],
  ],
  ["docker network ls --quiet", ["[docker network ls] --quiet"]],
  [
    "DOCKER_BUILDKIT=1 docker build --progress=plain -t app .",
    ["[docker image build] ?--progress (in docker buildx build) --tag=app PATH | URL | -=."],
  ],
  [
    "docker buildx build --platform linux/amd64,linux/arm64 -t me/app:1.0 --push .",
    ["[docker buildx build] --platform=linux/amd64,linux/arm64 --tag=me/app:1.0 --push PATH | URL | -=."],
  ],
  [
    "docker compose -f compose.prod.yaml up -d --build",
    ["[docker compose up] --file=compose.prod.yaml --detach --build"],
  ],
  [
    "docker compose exec -T db psql -U postgres",
    ["[docker compose exec] --no-tty SERVICE=db COMMAND=psql ARG=-U ARG=postgres"],
  ],
  ["docker-compose down -v --remove-orphans", ["[docker compose down] --volumes --remove-orphans"]],
  [
    "kubectl apply -f https://example.com/manifest.yaml",
    ["[kubectl apply] --filename=https://example.com/manifest.yaml"],
  ],
  ["cat deploy.yaml | kubectl apply -f -", ["other: cat", "[kubectl apply] --filename=-"]],
  [
    "kubectl -n kube-system get po -o wide > pods.txt 2>&1",
    ["[kubectl get] --namespace=kube-system <pods> --output=wide"],
  ],
  [
    "kubectl logs -f deploy/web --tail=100 -c app",
    ["[kubectl logs] --follow <deployments> POD=web --tail=100 --container=app"],
  ],
  [
    "kubectl exec -it web-0 -- sh -c 'echo hi'",
    ["[kubectl exec] --stdin --tty POD=web-0 COMMAND=sh ARGS=-c ARGS=echo hi"],
  ],
  [
    "kubectl port-forward svc/web 8080:80",
    ["[kubectl port-forward] <services> POD=web [LOCAL_PORT:]REMOTE_PORT=8080:80"],
  ],
  [
    "kubectl create secret generic db --from-literal=password=s3cr3t --dry-run=client -o yaml",
    ["[kubectl create secret generic] NAME=db --from-literal=password=s3cr3t --dry-run=client --output=yaml"],
  ],
  ["kubectl scale deployment/web --replicas=3", ["[kubectl scale] <deployments> NAME=web --replicas=3"]],
  [
    "docker container commit -p web snapshot:1",
    ["[docker container commit] --pause (deprecated) CONTAINER=web REPOSITORY[:TAG]=snapshot:1"],
  ],
  [
    "docker run -it --rm -v $(pwd):/app -w /app node:20 npm test",
    [
      "[docker container run] --interactive --tty --rm --volume=$(pwd):/app --workdir=/app IMAGE=node:20 COMMAND=npm ARG=test",
      "other: pwd (nested)",
    ],
  ],
  ["docker image prune -af --filter until=24h", ["[docker image prune] --all --force --filter=until=24h"]],
  [
    "docker system prune --volumes -f; docker volume ls",
    ["[docker system prune] --volumes --force", "[docker volume ls]"],
  ],
  ["watch kubectl get pods -l app=web", ["other: watch"]],
  ["docker login -u me --password-stdin < token.txt", ["[docker login] --username=me --password-stdin"]],
  [
    "kubectl config use-context kind-dev && kubectl get ns",
    ["[kubectl config use-context] CONTEXT=kind-dev", "[kubectl get] <namespaces>"],
  ],
  [
    "docker save myapp:latest | gzip > myapp.tar.gz",
    ["[docker image save] IMAGE=myapp:latest", "other: gzip"],
  ],
  ["docker run -rm -d nginx", ["[docker container run] --rm (typed -rm) --detach IMAGE=nginx"]],
  [
    "export KUBECONFIG=~/.kube/dev && kubectl get deploy,svc",
    ["other: export", "[kubectl get] <deployments> <services>"],
  ],
];

describe("pasted lines", () => {
  it("has at least 30 real-world lines", () => {
    expect(LINES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(LINES)("%s", (line, expected) => {
    const b = breakDownLine(line);
    expect((b.segments ?? []).map(segment)).toEqual(expected);
  });

  it("gives the first docker/kubectl part as the line's match", () => {
    expect(breakDownLine("cat deploy.yaml | kubectl apply -f -").match?.command.name).toBe("kubectl apply");
    expect(breakDownLine("git pull && docker compose up -d").match?.command.name).toBe("docker compose up");
    expect(breakDownLine("git rebase -i main").match).toBeNull();
    expect(breakDownLine("git rebase -i main").segments).toEqual([
      { kind: "other", text: "git rebase -i main", program: "git" },
    ]);
  });
});

describe("explainLine", () => {
  it("gives every flag of a pasted line its meaning, as plain data", () => {
    const parts = explainLine(
      "sudo docker run --gpus all --shm-size=1g -e FOO=bar --restart unless-stopped nginx | tee log",
    );
    expect(parts.map((p) => [p.kind, p.command ?? p.program])).toEqual([
      ["command", "docker container run"],
      ["other", "tee"],
    ]);
    const pieces = parts[0]?.pieces ?? [];
    expect(pieces.filter((p) => p.kind === "flag").map((p) => [p.canonical, p.value])).toEqual([
      ["--gpus", "all"],
      ["--shm-size", "1g"],
      ["--env", "FOO=bar"],
      ["--restart", "unless-stopped"],
    ]);
    for (const p of pieces) expect(p.meaning, p.text).not.toBe("");
    expect(JSON.parse(JSON.stringify(parts))).toEqual(parts);
  });

  it("says which command has an unknown flag, in either language", () => {
    const [part] = explainLine("kubectl rollout restart deployment web --dry-run=client", "ja");
    expect(part?.pieces?.find((p) => p.kind === "unknown-flag")).toMatchObject({
      text: "--dry-run",
      value: "client",
      alsoIn: ["kubectl rollout undo"],
    });
    expect(part?.pieces?.[0]?.meaning).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });
});

describe("what runs a command is named, not dropped", () => {
  it("sudo, its flags and environment assignments come with what each does", () => {
    const [part] = explainLine("sudo -E FOO=bar docker run --rm nginx");
    expect(part?.command).toBe("docker container run");
    expect(part?.runners?.map((r) => r.text)).toEqual(["sudo", "-E", "FOO=bar"]);
    expect(part?.runners?.[0]?.meaning).toMatch(/root/);
    expect(part?.runners?.[2]?.meaning).toContain("`FOO`");
    expect(explainLine("docker ps")[0]?.runners).toBeUndefined();
  });
});
