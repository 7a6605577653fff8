import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Piece,
  breakDown,
  readableLine,
  readsAsCommandLines,
  spellingsOfLine,
  tokenize,
} from "../../src/knowledge/command-line.js";

/** One line per piece, so that a whole breakdown reads as a short list. */
function render(p: Piece): string {
  switch (p.kind) {
    case "command":
      return `command ${p.text} → ${p.canonical}`;
    case "flag": {
      const name = p.flag.long ? `--${p.flag.long}` : `-${p.flag.short}`;
      const value = p.value !== undefined ? ` = ${p.value}` : "";
      return `flag ${p.text} → ${name}${value}${p.correction ? ` ! ${p.correction}` : ""}`;
    }
    case "unknown-flag":
      return `unknown ${p.text}${p.value !== undefined ? ` = ${p.value}` : ""}`;
    case "argument":
      return `arg ${p.text} → ${p.arg?.name ?? "?"}${p.placeholder ? " (placeholder)" : ""}`;
    case "resource":
      return `resource ${p.text} → ${p.resource.name}`;
  }
}

describe("tldr's choices of spellings", () => {
  it("reads each choice as its first spelling, or each as its last", () => {
    expect(readableLine("docker compose up {{[-d|--detach]}}")).toBe("docker compose up -d");
    expect(spellingsOfLine("docker {{[ps|container ls]}} {{[-a|--all]}}")).toEqual([
      "docker {{[ps|container ls]}} {{[-a|--all]}}",
      "docker ps -a",
      "docker container ls --all",
    ]);
  });

  it("leaves a line without choices, and a placeholder that lists values, as written", () => {
    expect(spellingsOfLine("kubectl top {{pods|nodes}}")).toEqual(["kubectl top {{pods|nodes}}"]);
  });
});

describe("tokenize", () => {
  it.each<[string, string[]]>([
    ["$ docker ps -a", ["docker", "ps", "-a"]],
    ["  $   kubectl get po", ["kubectl", "get", "po"]],
    ["# docker ps", ["docker", "ps"]],
    ["# 特定のREVISIONの内容を確認", []],
    ["## デプロイ", []],
    ["$ $kubectlexecitsimpleechoshcnginx", ["$kubectlexecitsimpleechoshcnginx"]],
    ["docker exec web sh -c 'ls -la /'", ["docker", "exec", "web", "sh", "-c", "ls -la /"]],
    ['docker exec web sh -c "echo \\"hi\\" && ls"', ["docker", "exec", "web", "sh", "-c", 'echo "hi" && ls']],
    ["echo a\\ b 'c'\"d\"e", ["echo", "a b", "cde"]],
    ["docker run \\\n  -d nginx", ["docker", "run", "-d", "nginx"]],
    [
      "$ docker image build -t <名前空間>/<イメージ名>:<タグ名> <Dockerfile 配置ディレクトリのパス>",
      [
        "docker",
        "image",
        "build",
        "-t",
        "<名前空間>/<イメージ名>:<タグ名>",
        "<Dockerfile 配置ディレクトリのパス>",
      ],
    ],
    ["docker container cp <a b>:<c d> <e>", ["docker", "container", "cp", "<a b>:<c d>", "<e>"]],
    [
      "$ docker container exec <コンテナ名> <コマンド(例: pwd)>",
      ["docker", "container", "exec", "<コンテナ名>", "<コマンド(例: pwd)>"],
    ],
    ["docker load < image.tar", ["docker", "load", "<", "image.tar"]],
    ["docker save nginx > nginx.tar 2>&1", ["docker", "save", "nginx", ">", "nginx.tar", "2>&1"]],
    [
      "kubectl get po|grep web&&echo ok;ls",
      ["kubectl", "get", "po", "|", "grep", "web", "&&", "echo", "ok", ";", "ls"],
    ],
    ["docker ps # running ones", ["docker", "ps"]],
    ["kubectl apply -f x.yaml // 記録する", ["kubectl", "apply", "-f", "x.yaml"]],
    [
      "kubectl apply -f https://example.com//a.yaml",
      ["kubectl", "apply", "-f", "https://example.com//a.yaml"],
    ],
    ["docker rm $(docker ps -aq) `echo x`", ["docker", "rm", "$(docker ps -aq)", "`echo x`"]],
    ["kubectl get pods　-n　dev", ["kubectl", "get", "pods", "-n", "dev"]],
    ['echo "unclosed', ["echo", "unclosed"]],
    ["echo 'unclosed", ["echo", "unclosed"]],
    ["a <b", ["a", "<", "b"]],
    ["trailing\\", ["trailing\\"]],
    ["", []],
  ])("%j", (line, tokens) => {
    expect(tokenize(line)).toEqual(tokens);
  });
});

/** [line, match.canonical, pieces]: every docker/kubectl line of the bundled note, then more. */
const CASES: [string, string | null, string[]][] = [
  [
    "$ docker image build -t helloworld:latest .",
    "docker image build",
    [
      "command docker image build → docker image build",
      "flag -t → --tag = helloworld:latest",
      "arg . → PATH | URL | -",
    ],
  ],
  [
    "$ docker container run helloworld:latest",
    "docker container run",
    ["command docker container run → docker container run", "arg helloworld:latest → IMAGE"],
  ],
  ["docker image build", "docker image build", ["command docker image build → docker image build"]],
  ["docker container run", "docker container run", ["command docker container run → docker container run"]],
  [
    "$ docker image build -t <名前空間>/<イメージ名>:<タグ名> <Dockerfile 配置ディレクトリのパス>",
    "docker image build",
    [
      "command docker image build → docker image build",
      "flag -t → --tag = <名前空間>/<イメージ名>:<タグ名>",
      "arg <Dockerfile 配置ディレクトリのパス> → PATH | URL | - (placeholder)",
    ],
  ],
  [
    "$ docker container run -d <名前空間>/<イメージ名>:<タグ名> ",
    "docker container run",
    [
      "command docker container run → docker container run",
      "flag -d → --detach",
      "arg <名前空間>/<イメージ名>:<タグ名> → IMAGE (placeholder)",
    ],
  ],
  [
    "$ docker container stop <コンテナ名またはコンテナID>",
    "docker container stop",
    [
      "command docker container stop → docker container stop",
      "arg <コンテナ名またはコンテナID> → CONTAINER (placeholder)",
    ],
  ],
  [
    "$ docker container restart <コンテナ名またはコンテナID>",
    "docker container restart",
    [
      "command docker container restart → docker container restart",
      "arg <コンテナ名またはコンテナID> → CONTAINER (placeholder)",
    ],
  ],
  [
    "$ docker container rm <コンテナ名またはコンテナID>",
    "docker container rm",
    [
      "command docker container rm → docker container rm",
      "arg <コンテナ名またはコンテナID> → CONTAINER (placeholder)",
    ],
  ],
  [
    "$ docker container run -d -p 9000:8080 <コンテナ名>",
    "docker container run",
    [
      "command docker container run → docker container run",
      "flag -d → --detach",
      "flag -p → --publish = 9000:8080",
      "arg <コンテナ名> → IMAGE (placeholder)",
    ],
  ],
  [
    "$ docker container run -t -d --name hoge example/echo:latest",
    "docker container run",
    [
      "command docker container run → docker container run",
      "flag -t → --tty",
      "flag -d → --detach",
      "flag --name → --name = hoge",
      "arg example/echo:latest → IMAGE",
    ],
  ],
  ["docker container ls", "docker container ls", ["command docker container ls → docker container ls"]],
  [
    "$ docker container exec <コンテナ名> <コマンド(例: pwd)>",
    "docker container exec",
    [
      "command docker container exec → docker container exec",
      "arg <コンテナ名> → CONTAINER (placeholder)",
      "arg <コマンド(例: pwd)> → COMMAND (placeholder)",
    ],
  ],
  [
    "$ docker container cp <コンテナIDまたはコンテナ名>:<コピーするファイルのパス> <ホストのコピー先のパス>",
    "docker container cp",
    [
      "command docker container cp → docker container cp",
      "arg <コンテナIDまたはコンテナ名>:<コピーするファイルのパス> → SRC_PATH (placeholder)",
      "arg <ホストのコピー先のパス> → DEST_PATH (placeholder)",
    ],
  ],
  [
    "docker container prune",
    "docker container prune",
    ["command docker container prune → docker container prune"],
  ],
  [
    "$ docker container prune <オプション>",
    "docker container prune",
    ["command docker container prune → docker container prune", "arg <オプション> → ? (placeholder)"],
  ],
  [
    "$ docker image prune <オプション>",
    "docker image prune",
    ["command docker image prune → docker image prune", "arg <オプション> → ? (placeholder)"],
  ],
  ["docker system prune", "docker system prune", ["command docker system prune → docker system prune"]],
  ["$ docker system prune", "docker system prune", ["command docker system prune → docker system prune"]],
  [
    "$ kubectl apply -f https://raw.githubusercontent.com/kubernetes/dashboard/v1.8.3/src/deploy/recommended/kubernetes-dashboard.yaml",
    "kubectl apply",
    [
      "command kubectl apply → kubectl apply",
      "flag -f → --filename = https://raw.githubusercontent.com/kubernetes/dashboard/v1.8.3/src/deploy/recommended/kubernetes-dashboard.yaml",
    ],
  ],
  [
    "$ kubectl -n kube-system get secret | grep deployment-controller",
    "kubectl get secrets",
    ["command kubectl get → kubectl get", "flag -n → --namespace = kube-system", "resource secret → secrets"],
  ],
  [
    "$ kubectl -n kube-system describe secret deployment-controller-<xxxxxxxxx>",
    "kubectl describe secrets",
    [
      "command kubectl describe → kubectl describe",
      "flag -n → --namespace = kube-system",
      "resource secret → secrets",
      "arg deployment-controller-<xxxxxxxxx> → NAME (placeholder)",
    ],
  ],
  ["$ kubectl proxy", "kubectl proxy", ["command kubectl proxy → kubectl proxy"]],
  [
    "$ kubectl get namespace",
    "kubectl get namespaces",
    ["command kubectl get → kubectl get", "resource namespace → namespaces"],
  ],
  [
    "$ kubectl apply -f simple-pod.yaml",
    "kubectl apply",
    ["command kubectl apply → kubectl apply", "flag -f → --filename = simple-pod.yaml"],
  ],
  ["$ kubectl get pod", "kubectl get pods", ["command kubectl get → kubectl get", "resource pod → pods"]],
  ["$ $kubectlexecitsimpleechoshcnginx", null, ["arg $kubectlexecitsimpleechoshcnginx → ?"]],
  [
    "$ kubectl logs -f simple-echo",
    "kubectl logs",
    ["command kubectl logs → kubectl logs", "flag -f → --follow", "arg simple-echo → POD"],
  ],
  [
    "$ kubectl delete pod simple-echo",
    "kubectl delete pods",
    ["command kubectl delete → kubectl delete", "resource pod → pods", "arg simple-echo → NAME"],
  ],
  [
    "$ kubectl delete -f simple-pod.yaml",
    "kubectl delete",
    ["command kubectl delete → kubectl delete", "flag -f → --filename = simple-pod.yaml"],
  ],
  [
    "$ kubectl delete -f simple-replicaset.yaml",
    "kubectl delete",
    ["command kubectl delete → kubectl delete", "flag -f → --filename = simple-replicaset.yaml"],
  ],
  [
    "$ kubectl apply -f simple-deployment.yaml --record // 実行したコマンドを記録",
    "kubectl apply",
    [
      "command kubectl apply → kubectl apply",
      "flag -f → --filename = simple-deployment.yaml",
      "flag --record → --record",
    ],
  ],
  [
    "$ kubectl get pod,replicaset,deployment --selector app=echo",
    "kubectl get pods,replicasets,deployments",
    [
      "command kubectl get → kubectl get",
      "resource pod → pods",
      "resource replicaset → replicasets",
      "resource deployment → deployments",
      "flag --selector → --selector = app=echo",
    ],
  ],
  [
    "$ kubectl rollout history deployment echo ",
    "kubectl rollout history deployments",
    [
      "command kubectl rollout history → kubectl rollout history",
      "resource deployment → deployments",
      "arg echo → NAME",
    ],
  ],
  [
    "$ kubectl rollout history deployment echo --revision=1",
    "kubectl rollout history deployments",
    [
      "command kubectl rollout history → kubectl rollout history",
      "resource deployment → deployments",
      "arg echo → NAME",
      "flag --revision → --revision = 1",
    ],
  ],
  [
    '$ kubectl rollout undo deployment echo deployment "echo" rolled back',
    "kubectl rollout undo deployments",
    [
      "command kubectl rollout undo → kubectl rollout undo",
      "resource deployment → deployments",
      "arg echo → NAME",
      "arg deployment → ?",
      "arg echo → ?",
      "arg rolled → ?",
      "arg back → ?",
    ],
  ],
  [
    "kubectl delete -f simple-deployment.yaml",
    "kubectl delete",
    ["command kubectl delete → kubectl delete", "flag -f → --filename = simple-deployment.yaml"],
  ],
  [
    "kubectl apply --filename=simple-deployment.yaml --record=true",
    "kubectl apply",
    [
      "command kubectl apply → kubectl apply",
      "flag --filename → --filename = simple-deployment.yaml",
      "flag --record → --record = true",
    ],
  ],
  [
    "docker run -it -rm ubuntu bash",
    "docker container run",
    [
      "command docker run → docker container run",
      "flag -i → --interactive",
      "flag -t → --tty",
      "flag -rm → --rm ! --rm",
      "arg ubuntu → IMAGE",
      "arg bash → COMMAND",
    ],
  ],
  [
    "docker container run -i -t -v /data:/data --rm -name web nginx",
    "docker container run",
    [
      "command docker container run → docker container run",
      "flag -i → --interactive",
      "flag -t → --tty",
      "flag -v → --volume = /data:/data",
      "flag --rm → --rm",
      "flag -name → --name = web ! --name",
      "arg nginx → IMAGE",
    ],
  ],
  [
    "docker run -p9000:8080 --name=web -e TZ=Asia/Tokyo nginx:1.25 nginx -g 'daemon off;'",
    "docker container run",
    [
      "command docker run → docker container run",
      "flag -p → --publish = 9000:8080",
      "flag --name → --name = web",
      "flag -e → --env = TZ=Asia/Tokyo",
      "arg nginx:1.25 → IMAGE",
      "arg nginx → COMMAND",
      "arg -g → ARG",
      "arg daemon off; → ARG",
    ],
  ],
  [
    "docker run nginx --rm",
    "docker container run",
    ["command docker run → docker container run", "arg nginx → IMAGE", "arg --rm → COMMAND"],
  ],
  [
    'docker exec -it web sh -c "ls -la /"',
    "docker container exec",
    [
      "command docker exec → docker container exec",
      "flag -i → --interactive",
      "flag -t → --tty",
      "arg web → CONTAINER",
      "arg sh → COMMAND",
      "arg -c → ARG",
      "arg ls -la / → ARG",
    ],
  ],
  [
    "docker cp -a web:/etc/nginx/nginx.conf ./nginx.conf",
    "docker container cp",
    [
      "command docker cp → docker container cp",
      "flag -a → --archive",
      "arg web:/etc/nginx/nginx.conf → SRC_PATH",
      "arg ./nginx.conf → DEST_PATH",
    ],
  ],
  [
    "docker ps -aq --filter status=exited",
    "docker container ls",
    [
      "command docker ps → docker container ls",
      "flag -a → --all",
      "flag -q → --quiet",
      "flag --filter → --filter = status=exited",
    ],
  ],
  [
    "docker rm $(docker ps -aq)",
    "docker container rm",
    ["command docker rm → docker container rm", "arg $(docker ps -aq) → CONTAINER"],
  ],
  [
    "docker rmi -f myapp:old",
    "docker image rm",
    ["command docker rmi → docker image rm", "flag -f → --force", "arg myapp:old → IMAGE"],
  ],
  ["docker images -q", "docker image ls", ["command docker images → docker image ls", "flag -q → --quiet"]],
  [
    "docker build --no-cache -f Dockerfile.dev --build-arg VERSION=1.2 -t myapp:dev .",
    "docker image build",
    [
      "command docker build → docker image build",
      "flag --no-cache → --no-cache",
      "flag -f → --file = Dockerfile.dev",
      "flag --build-arg → --build-arg = VERSION=1.2",
      "flag -t → --tag = myapp:dev",
      "arg . → PATH | URL | -",
    ],
  ],
  [
    "docker logs --tail 100 -f web",
    "docker container logs",
    [
      "command docker logs → docker container logs",
      "flag --tail → --tail = 100",
      "flag -f → --follow",
      "arg web → CONTAINER",
    ],
  ],
  [
    "docker logs -n 20 web",
    "docker container logs",
    ["command docker logs → docker container logs", "flag -n → --tail = 20", "arg web → CONTAINER"],
  ],
  [
    "dokcer cp web:/tmp/a.txt .",
    "docker container cp",
    ["command dokcer cp → docker container cp", "arg web:/tmp/a.txt → SRC_PATH", "arg . → DEST_PATH"],
  ],
  [
    "docker contianer ls -a",
    "docker container ls",
    ["command docker contianer ls → docker container ls", "flag -a → --all"],
  ],
  [
    "docker-compose up -d --build web",
    "docker compose up",
    [
      "command docker-compose up → docker compose up",
      "flag -d → --detach",
      "flag --build → --build",
      "arg web → SERVICE",
    ],
  ],
  [
    "docker compose -f compose.prod.yaml -p shop logs -f --tail=50 api",
    "docker compose logs",
    [
      "command docker compose logs → docker compose logs",
      "flag -f → --file = compose.prod.yaml",
      "flag -p → --project-name = shop",
      "flag -f → --follow",
      "flag --tail → --tail = 50",
      "arg api → SERVICE",
    ],
  ],
  [
    "docker --context prod ps",
    "docker container ls",
    ["command docker ps → docker container ls", "flag --context → --context = prod"],
  ],
  [
    "docker system prune -a --volumes -f",
    "docker system prune",
    [
      "command docker system prune → docker system prune",
      "flag -a → --all",
      "flag --volumes → --volumes",
      "flag -f → --force",
    ],
  ],
  [
    "docker volume create data",
    "docker volume create",
    ["command docker volume create → docker volume create", "arg data → VOLUME"],
  ],
  [
    "docker network connect frontend web",
    "docker network connect",
    [
      "command docker network connect → docker network connect",
      "arg frontend → NETWORK",
      "arg web → CONTAINER",
    ],
  ],
  [
    "kubectl get po -A -o wide",
    "kubectl get pods",
    [
      "command kubectl get → kubectl get",
      "resource po → pods",
      "flag -A → --all-namespaces",
      "flag -o → --output = wide",
    ],
  ],
  [
    "kubectl get pods -n kube-system -l app=kube-dns --show-labels",
    "kubectl get pods",
    [
      "command kubectl get → kubectl get",
      "resource pods → pods",
      "flag -n → --namespace = kube-system",
      "flag -l → --selector = app=kube-dns",
      "flag --show-labels → --show-labels",
    ],
  ],
  [
    "kubectl get deploy/web -o yaml",
    "kubectl get deployments",
    [
      "command kubectl get → kubectl get",
      "resource deploy → deployments",
      "arg web → NAME",
      "flag -o → --output = yaml",
    ],
  ],
  [
    "kubectl get pods --field-selector=status.phase=Running -w",
    "kubectl get pods",
    [
      "command kubectl get → kubectl get",
      "resource pods → pods",
      "flag --field-selector → --field-selector = status.phase=Running",
      "flag -w → --watch",
    ],
  ],
  [
    "kubctl logs -p web-7d4b9 -c app --tail=20",
    "kubectl logs",
    [
      "command kubctl logs → kubectl logs",
      "flag -p → --previous",
      "arg web-7d4b9 → POD",
      "flag -c → --container = app",
      "flag --tail → --tail = 20",
    ],
  ],
  [
    "kubectl logs deploy/web --since=10m",
    "kubectl logs",
    [
      "command kubectl logs → kubectl logs",
      "resource deploy → deployments",
      "arg web → POD",
      "flag --since → --since = 10m",
    ],
  ],
  [
    "kubectl exec -it web-7d4b9 -c nginx -- sh -c 'echo hi'",
    "kubectl exec",
    [
      "command kubectl exec → kubectl exec",
      "flag -i → --stdin",
      "flag -t → --tty",
      "arg web-7d4b9 → POD",
      "flag -c → --container = nginx",
      "arg sh → COMMAND",
      "arg -c → ARGS",
      "arg echo hi → ARGS",
    ],
  ],
  [
    "kubectl port-forward svc/web 8080:80",
    "kubectl port-forward",
    [
      "command kubectl port-forward → kubectl port-forward",
      "resource svc → services",
      "arg web → POD",
      "arg 8080:80 → [LOCAL_PORT:]REMOTE_PORT",
    ],
  ],
  [
    "kubectl scale deployment web --replicas=3",
    "kubectl scale deployments",
    [
      "command kubectl scale → kubectl scale",
      "resource deployment → deployments",
      "arg web → NAME",
      "flag --replicas → --replicas = 3",
    ],
  ],
  [
    "kubectl set image deployment/web nginx=nginx:1.25 --record",
    "kubectl set image deployments",
    [
      "command kubectl set image → kubectl set image",
      "resource deployment → deployments",
      "arg web → NAME",
      "arg nginx=nginx:1.25 → CONTAINER=IMAGE",
      "flag --record → --record",
    ],
  ],
  [
    "kubectl rollout undo deploy/web --to-revision=2",
    "kubectl rollout undo deployments",
    [
      "command kubectl rollout undo → kubectl rollout undo",
      "resource deploy → deployments",
      "arg web → NAME",
      "flag --to-revision → --to-revision = 2",
    ],
  ],
  [
    "kubectl rollout restart deployment web",
    "kubectl rollout restart deployments",
    [
      "command kubectl rollout restart → kubectl rollout restart",
      "resource deployment → deployments",
      "arg web → NAME",
    ],
  ],
  [
    "kubectl create deployment web --image=nginx --replicas=2 --dry-run=client -o yaml",
    "kubectl create deployment",
    [
      "command kubectl create deployment → kubectl create deployment",
      "arg web → NAME",
      "flag --image → --image = nginx",
      "flag --replicas → --replicas = 2",
      "flag --dry-run → --dry-run = client",
      "flag -o → --output = yaml",
    ],
  ],
  [
    "kubectl delete pod web --grace-period=0 --force",
    "kubectl delete pods",
    [
      "command kubectl delete → kubectl delete",
      "resource pod → pods",
      "arg web → NAME",
      "flag --grace-period → --grace-period = 0",
      "flag --force → --force",
    ],
  ],
  [
    "kubectl apply -k overlays/prod",
    "kubectl apply",
    ["command kubectl apply → kubectl apply", "flag -k → --kustomize = overlays/prod"],
  ],
  [
    "kubectl config use-context prod",
    "kubectl config use-context",
    ["command kubectl config use-context → kubectl config use-context", "arg prod → CONTEXT"],
  ],
  [
    "kubectl top pod -A --sort-by=cpu",
    "kubectl top pod",
    [
      "command kubectl top pod → kubectl top pod",
      "flag -A → --all-namespaces",
      "flag --sort-by → --sort-by = cpu",
    ],
  ],
  [
    "kubectl explain deployment.spec.strategy",
    "kubectl explain deployments",
    ["command kubectl explain → kubectl explain", "resource deployment.spec.strategy → deployments"],
  ],
  [
    "kubectl auth can-i create pods --as=jane",
    "kubectl auth can-i",
    [
      "command kubectl auth can-i → kubectl auth can-i",
      "arg create → VERB",
      "arg pods → TYPE[/NAME]",
      "flag --as → --as = jane",
    ],
  ],
  [
    "kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data",
    "kubectl drain",
    [
      "command kubectl drain → kubectl drain",
      "arg node-1 → NODE",
      "flag --ignore-daemonsets → --ignore-daemonsets",
      "flag --delete-emptydir-data → --delete-emptydir-data",
    ],
  ],
  [
    "kubectl cp default/web:/var/log/app.log ./app.log -c app",
    "kubectl cp",
    [
      "command kubectl cp → kubectl cp",
      "arg default/web:/var/log/app.log → SRC",
      "arg ./app.log → DEST",
      "flag -c → --container = app",
    ],
  ],
  ["kubectl get pdos", "kubectl get pods", ["command kubectl get → kubectl get", "resource pdos → pods"]],
  [
    "kubectl --namespace=dev get configmaps",
    "kubectl get configmaps",
    [
      "command kubectl get → kubectl get",
      "flag --namespace → --namespace = dev",
      "resource configmaps → configmaps",
    ],
  ],
  ["git rebase -i main", null, ["arg git → ?", "arg rebase → ?", "unknown -i", "arg main → ?"]],
  ["# 特定のREVISIONの内容を確認", null, []],
  ["## デプロイ", null, []],
  [
    "Starting to serve on 127.0.0.1:8001",
    null,
    ["arg Starting → ?", "arg to → ?", "arg serve → ?", "arg on → ?", "arg 127.0.0.1:8001 → ?"],
  ],
];

describe("breakDown", () => {
  it.each(CASES)("%j", (line, canonical, pieces) => {
    const b = breakDown(line);
    expect(b.match?.canonical ?? null).toBe(canonical);
    expect(b.pieces.map(render)).toEqual(pieces);
  });

  it("covers every docker and kubectl command line of the bundled note", () => {
    const note = readFileSync(new URL("../../notes/docker-kubernetes.md", import.meta.url), "utf8");
    const lines = new Set<string>();
    for (const line of note.split("\n")) {
      const t = line.trim();
      if (/^\$ .*(docker|kubectl)/.test(t) || /^(docker|kubectl) /.test(t)) lines.add(t);
      for (const m of t.matchAll(/`((?:docker|kubectl) [^`]*)`/g)) if (m[1]) lines.add(m[1].trim());
    }
    const covered = new Set(CASES.map(([line]) => line.trim()));
    expect(lines.size).toBeGreaterThanOrEqual(30);
    for (const line of lines) expect(covered.has(line), line).toBe(true);
  });

  it("keeps the typed spelling and the flag texts for errata", () => {
    const b = breakDown("docker run -it -rm ubuntu");
    expect(b.match?.command.name).toBe("docker container run");
    expect(b.match?.consumed).toBe(2);
    const rm = b.pieces.find((p) => p.kind === "flag" && p.flag.long === "rm");
    expect(rm).toMatchObject({ kind: "flag", text: "-rm", correction: "--rm" });
  });

  it("reports typos and the resource on the match", () => {
    const b = breakDown("kubctl -n dev get po web");
    expect(b.match?.typos).toEqual([{ typed: "kubctl", corrected: "kubectl" }]);
    expect(b.match?.resource?.name).toBe("pods");
    expect(b.match?.canonical).toBe("kubectl get pods");
  });

  it("splits combined short flags and stops taking flags at the value-taking one", () => {
    expect(breakDown("docker run -itp 80:80 nginx").pieces.map(render)).toEqual([
      "command docker run → docker container run",
      "flag -i → --interactive",
      "flag -t → --tty",
      "flag -p → --publish = 80:80",
      "arg nginx → IMAGE",
    ]);
    expect(breakDown("docker run -dp8080:80 nginx").pieces.map(render)).toEqual([
      "command docker run → docker container run",
      "flag -d → --detach",
      "flag -p → --publish = 8080:80",
      "arg nginx → IMAGE",
    ]);
    expect(breakDown("docker ps -aqx").pieces.map(render)).toEqual([
      "command docker ps → docker container ls",
      "unknown -aqx",
    ]);
  });

  it("treats the words after -- as arguments", () => {
    expect(
      breakDown("kubectl run tmp --rm -it --image=busybox -- sh -c 'wget -qO- web'").pieces.map(render),
    ).toEqual([
      "command kubectl run → kubectl run",
      "arg tmp → NAME",
      "flag --rm → --rm",
      "flag -i → --stdin",
      "flag -t → --tty",
      "flag --image → --image = busybox",
      "arg sh → COMMAND",
      "arg -c → ARGS",
      "arg wget -qO- web → ARGS",
    ]);
  });

  it("does not take the next word as the value of a flag whose value is optional", () => {
    expect(breakDown("kubectl create deploy web --image=nginx --dry-run -o yaml").pieces.map(render)).toEqual(
      [
        "command kubectl create deploy → kubectl create deployment",
        "arg web → NAME",
        "flag --image → --image = nginx",
        "flag --dry-run → --dry-run",
        "flag -o → --output = yaml",
      ],
    );
  });

  it("leaves a flag without its value at the end of the line", () => {
    expect(breakDown("docker run --name").pieces.map(render)).toEqual([
      "command docker run → docker container run",
      "flag --name → --name",
    ]);
  });

  it("puts the command piece first", () => {
    for (const [line, canonical] of CASES) {
      const b = breakDown(line);
      if (canonical) expect(b.pieces[0]?.kind).toBe("command");
    }
  });
});

describe("robustness", () => {
  const shellish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "docker",
          "kubectl",
          "docker-compose",
          "container",
          "run",
          "get",
          "po,svc",
          "deploy/web",
        ),
        fc.constantFrom(
          "-it",
          "-rm",
          "--name=",
          "-p",
          "-n",
          "--",
          "-",
          "|",
          "&&",
          ">",
          "<",
          "2>&1",
          "#",
          "//",
        ),
        fc.constantFrom(
          "'",
          '"',
          "\\",
          "$(",
          ")",
          "`",
          "<a b>",
          "<",
          ">",
          ":",
          "=",
          ",",
          "/",
          " ",
          "\n",
          "　",
          "日本",
        ),
        fc.string({ maxLength: 6 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(""));
  const inputs = fc.oneof(
    shellish,
    fc.string({ maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: 200 }),
  );

  it("tokenize and breakDown never throw", () => {
    fc.assert(
      fc.property(inputs, (line) => {
        const tokens = tokenize(line);
        expect(Array.isArray(tokens)).toBe(true);
        const b = breakDown(line);
        if (b.match) expect(b.pieces[0]?.kind).toBe("command");
        for (const p of b.pieces)
          if (p.kind === "flag" || p.kind === "unknown-flag") expect(p.text.startsWith("-")).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("finishes fast on very long and pathological input", () => {
    // Linear work takes ~0.3 s for the longest of these on a quiet machine; the bound catches backtracking
    // (seconds to hours), with room for a busy machine (2 s was seen with other work on both cores).
    const LIMIT_MS = 5000;
    const longInputs = [
      `docker run ${"-it ".repeat(20_000)}nginx`,
      `kubectl get ${"po,".repeat(30_000)}svc`,
      "<".repeat(100_000),
      `docker cp ${"<a ".repeat(30_000)}`,
      "$(".repeat(50_000),
      `"${"\\".repeat(100_000)}`,
      `docker run -${"i".repeat(100_000)}`,
      "日本語のメモ ".repeat(20_000),
      "a|".repeat(50_000),
      `dokcer ${"x".repeat(200_000)}`,
    ];
    for (const line of longInputs) {
      const started = performance.now();
      tokenize(line);
      breakDown(line);
      expect(performance.now() - started, line.slice(0, 20)).toBeLessThan(LIMIT_MS);
    }
  });
});

describe("what runs the command is not part of it", () => {
  it("skips sudo, its flags and environment assignments before the tool", () => {
    expect(breakDown("sudo docker cp web:/a ./a").match?.canonical).toBe("docker container cp");
    expect(breakDown("sudo -E kubectl get po").match?.canonical).toBe("kubectl get pods");
    expect(breakDown("DOCKER_HOST=tcp://x:2375 docker ps -a").match?.canonical).toBe("docker container ls");
  });
});

describe("a block of command lines of any tool", () => {
  it("reads lines of a program and its arguments as commands, comments and prompts aside", () => {
    expect(readsAsCommandLines("# the DAGs\nairflow dags list\n$ uv lock --upgrade-package dbt")).toBe(true);
  });

  it("not sentences, Japanese, YAML keys or a lone word", () => {
    expect(readsAsCommandLines("we use it for sessions.")).toBe(false);
    expect(readsAsCommandLines("airflow で DAG を見る")).toBe(false);
    expect(readsAsCommandLines("name: status")).toBe(false);
    expect(readsAsCommandLines("airflow")).toBe(false);
    expect(readsAsCommandLines("# only a comment")).toBe(false);
  });
});
