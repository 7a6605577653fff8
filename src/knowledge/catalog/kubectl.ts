import { arg, bool, opt } from "./builders.js";
import type { CatalogArg, CatalogCommand, CatalogFlag, ResourceType } from "./types.js";

/**
 * Options every kubectl command accepts (cobra "persistent" flags). They may stand anywhere, also
 * before the verb: `kubectl -n kube-system get secret`.
 */
export const kubectlGlobalFlags: CatalogFlag[] = [
  opt("--as", "user", "Act as another user (impersonation)", "別のユーザーになりすまして実行する"),
  opt("--as-group", "group", "Act as a member of this group", "このグループのメンバーとして実行する"),
  opt("--cluster", "name", "Cluster from the kubeconfig to use", "kubeconfig 内の使用するクラスタ"),
  opt(
    "--context",
    "name",
    "Kubeconfig context to use for this command",
    "このコマンドで使う kubeconfig のコンテキスト",
  ),
  bool(
    "--insecure-skip-tls-verify",
    "Do not check the server's certificate (unsafe)",
    "サーバ証明書を検証しない（安全ではない）",
  ),
  opt("--kubeconfig", "file", "Kubeconfig file to use", "使う kubeconfig ファイル"),
  opt(
    "-n, --namespace",
    "namespace",
    "Namespace to work in (default: the context's namespace)",
    "対象の Namespace（既定はコンテキストの Namespace）",
  ),
  opt(
    "--request-timeout",
    "duration",
    "Give up on a server request after this long",
    "サーバへのリクエストを打ち切るまでの時間",
  ),
  opt("-s, --server", "url", "Address of the Kubernetes API server", "Kubernetes API サーバのアドレス"),
  opt("--token", "token", "Bearer token for authentication", "認証に使う Bearer トークン"),
  opt("--user", "name", "Kubeconfig user to use", "kubeconfig 内の使用するユーザー"),
  opt(
    "-v, --v",
    "level",
    "Log verbosity, e.g. 6 shows the API requests",
    "ログの詳しさ（例: 6 で API リクエストを表示）",
  ),
];

const help = bool("-h, --help", "Show the help for this command", "このコマンドのヘルプを表示する");

function collides(a: CatalogFlag, b: CatalogFlag): boolean {
  return (a.long !== undefined && a.long === b.long) || (a.short !== undefined && a.short === b.short);
}

interface CommandSpec {
  aliases?: string[];
  args?: CatalogArg[];
  flags?: CatalogFlag[];
  takesResource?: boolean;
}

/** A kubectl command; the global flags are added unless the command has its own flag of that name. */
function command(name: string, en: string, ja: string, spec: CommandSpec = {}): CatalogCommand {
  const own = spec.flags ?? [];
  const inherited = [...kubectlGlobalFlags, help].filter((g) => !own.some((f) => collides(f, g)));
  return {
    tool: "kubectl",
    name,
    aliases: spec.aliases ?? [],
    summary: { en, ja },
    args: spec.args ?? [],
    flags: [...own, ...inherited],
    ...(spec.takesResource ? { takesResource: true } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Flags and arguments shared by several commands
// ---------------------------------------------------------------------------------------------------------

const filename = opt(
  "-f, --filename",
  "file|url",
  "Manifest file, folder or URL to act on",
  "対象のマニフェスト（ファイル・ディレクトリ・URL）",
);
const kustomize = opt(
  "-k, --kustomize",
  "dir",
  "Use the kustomization in this folder",
  "このディレクトリの kustomization を使う",
);
const recursive = bool(
  "-R, --recursive",
  "Also read manifests in sub-folders of the -f folder",
  "-f で指定したディレクトリのサブディレクトリも読む",
);
const selector = opt(
  "-l, --selector",
  "key=value",
  "Only objects whose labels match, e.g. app=web",
  "ラベルが一致するものだけを対象にする（例: app=web）",
);
const allNamespaces = bool(
  "-A, --all-namespaces",
  "Look in every namespace",
  "すべての Namespace を対象にする",
);
const output = opt(
  "-o, --output",
  "format",
  "Output format: yaml, json, wide, name, jsonpath=…, custom-columns=…",
  "出力形式（yaml・json・wide・name・jsonpath=…・custom-columns=… など）",
);
const dryRun = opt(
  "--dry-run",
  "none|client|server",
  "Only show what would happen: client checks locally, server asks the API server",
  "実際には変更せず結果だけを確認する（client はローカル、server は API サーバで検証）",
  { optionalValue: true },
);
const fieldSelector = opt(
  "--field-selector",
  "field=value",
  "Filter on object fields, e.g. status.phase=Running",
  "フィールドの値で絞り込む（例: status.phase=Running）",
);
const record = bool(
  "--record",
  "Deprecated: write the command into the change-cause annotation",
  "非推奨: 実行したコマンドを change-cause アノテーションに記録する",
  { deprecated: true },
);
const allOfType = bool(
  "--all",
  "Every object of the type in the namespace",
  "Namespace 内のその種類のオブジェクトすべてを対象にする",
);
const container = opt(
  "-c, --container",
  "name",
  "Which container of the pod (when it has several)",
  "Pod に複数のコンテナがある場合の対象コンテナ",
);
const podRunningTimeout = opt(
  "--pod-running-timeout",
  "duration",
  "How long to wait for a running pod",
  "Pod が起動するまで待つ時間",
);
const stdin = bool("-i, --stdin", "Pass your standard input to the container", "標準入力をコンテナに渡す");
const tty = bool(
  "-t, --tty",
  "Give the container a terminal (use with -i)",
  "コンテナに端末を割り当てる（-i と併用）",
);
const quiet = bool("-q, --quiet", "Print only the essentials", "必要最小限の出力にする");
const noHeaders = bool("--no-headers", "Leave out the header row", "見出し行を出さない");
const sortBy = opt(
  "--sort-by",
  "jsonpath",
  "Sort the list by a field, e.g. .metadata.name",
  "指定したフィールドで並べ替える（例: .metadata.name）",
);
const watch = bool("-w, --watch", "Keep watching and print changes", "変更を監視して表示し続ける");
const force = bool(
  "--force",
  "Delete right away without waiting for a graceful end (risky)",
  "正常終了を待たずに即座に削除する（危険）",
);
const gracePeriod = opt(
  "--grace-period",
  "seconds",
  "Seconds the pods get to shut down cleanly",
  "Pod が正常終了するまでに与える秒数",
);
const timeout = opt(
  "--timeout",
  "duration",
  "Give up after this long, e.g. 60s",
  "この時間で打ち切る（例: 60s）",
);
const validate = opt(
  "--validate",
  "strict|warn|ignore",
  "How strictly to check the manifest against the schema",
  "スキーマに対するマニフェストの検証の厳しさ",
  { optionalValue: true },
);
const overwrite = bool("--overwrite", "Replace an existing value", "既存の値を上書きする");
const local = bool(
  "--local",
  "Change only the local manifest, without contacting the server",
  "サーバに接続せず、ローカルのマニフェストだけを変更する",
);

const typeArg = arg(
  "TYPE",
  "Resource type, e.g. pods or deployments (also TYPE/NAME)",
  "リソースの種類（例: pods、deployments。TYPE/NAME の形も可）",
);
const typeArgOptional = arg(
  "TYPE",
  "Resource type, e.g. pods or deployments (or use -f)",
  "リソースの種類（例: pods、deployments。-f を使う場合は省略）",
  { optional: true },
);
const namesArg = arg("NAME", "Names of the objects (all if none)", "オブジェクト名（省略時はすべて）", {
  optional: true,
  variadic: true,
});
const nameArg = arg("NAME", "Name of the object", "オブジェクト名", { optional: true });
const podArg = arg(
  "POD",
  "Pod name, or TYPE/NAME such as deploy/web",
  "Pod 名、または deploy/web のような 種類/名前",
);
const nodeArg = arg("NODE", "Node name", "ノード名");
const commandAfterDashes = arg(
  "COMMAND",
  "Program to run, written after --",
  "実行するコマンド（-- の後に書く）",
  { optional: true },
);
const commandArgs = arg("ARGS", "Arguments for that program", "そのコマンドに渡す引数", {
  optional: true,
  variadic: true,
});
const keyValues = (en: string, ja: string) => arg("KEY=VALUE", en, ja, { optional: true, variadic: true });

// ---------------------------------------------------------------------------------------------------------
// Reading and changing objects
// ---------------------------------------------------------------------------------------------------------

const basicCommands: CatalogCommand[] = [
  command(
    "kubectl get",
    "List objects, or show one of them",
    "オブジェクトを一覧表示する（または1つを表示する）",
    {
      takesResource: true,
      args: [typeArgOptional, namesArg],
      flags: [
        allNamespaces,
        opt("--chunk-size", "n", "Fetch long lists in pages of this size", "長い一覧をこの件数ずつ取得する"),
        fieldSelector,
        filename,
        bool(
          "--ignore-not-found",
          "Print nothing instead of an error when it does not exist",
          "存在しなくてもエラーにせず何も表示しない",
        ),
        kustomize,
        opt(
          "-L, --label-columns",
          "key",
          "Show the values of these labels as columns",
          "指定したラベルの値を列として表示する",
        ),
        noHeaders,
        output,
        recursive,
        selector,
        bool("--show-kind", "Show the resource type in each row", "各行にリソースの種類を表示する"),
        bool("--show-labels", "Show all labels as the last column", "すべてのラベルを最後の列に表示する"),
        sortBy,
        watch,
        bool(
          "--watch-only",
          "Watch for changes without listing first",
          "最初の一覧は出さずに変更だけを監視する",
        ),
      ],
    },
  ),
  command(
    "kubectl describe",
    "Show a readable, detailed report of objects, with events",
    "オブジェクトの詳細をイベント付きで読みやすく表示する",
    {
      takesResource: true,
      args: [typeArgOptional, namesArg],
      flags: [
        allNamespaces,
        filename,
        kustomize,
        recursive,
        selector,
        bool(
          "--show-events",
          "Include related events (on by default)",
          "関連するイベントも表示する（既定で有効）",
        ),
      ],
    },
  ),
  command(
    "kubectl apply",
    "Create or update objects to match manifest files",
    "マニフェストの内容どおりにオブジェクトを作成・更新する",
    {
      flags: [
        dryRun,
        opt(
          "--field-manager",
          "name",
          "Name recorded as the owner of the fields",
          "フィールドの管理者として記録する名前",
        ),
        filename,
        force,
        bool(
          "--force-conflicts",
          "With --server-side, take over fields owned by others",
          "--server-side で他の管理者のフィールドも上書きする",
        ),
        gracePeriod,
        kustomize,
        output,
        overwrite,
        bool(
          "--prune",
          "Delete objects that are no longer in the manifests (use with -l)",
          "マニフェストから消えたオブジェクトを削除する（-l と併用）",
        ),
        record,
        recursive,
        selector,
        bool("--server-side", "Let the API server compute the changes", "変更の計算を API サーバに任せる"),
        validate,
        bool(
          "--wait",
          "With --prune, wait until deleted objects are gone",
          "--prune で削除したものが消えるまで待つ",
        ),
      ],
    },
  ),
  command(
    "kubectl create",
    "Create objects from a manifest, or from one of its subcommands",
    "マニフェスト（またはサブコマンド）からオブジェクトを作成する",
    {
      flags: [
        dryRun,
        bool("--edit", "Open the object in an editor before creating it", "作成前にエディタで編集する"),
        filename,
        kustomize,
        output,
        record,
        recursive,
        bool(
          "--save-config",
          "Store the config so that kubectl apply works later",
          "後で kubectl apply できるように設定を保存する",
        ),
        validate,
      ],
    },
  ),
  command(
    "kubectl delete",
    "Delete objects by name, label, or manifest",
    "名前・ラベル・マニフェストを指定してオブジェクトを削除する",
    {
      takesResource: true,
      args: [typeArgOptional, namesArg],
      flags: [
        allOfType,
        allNamespaces,
        opt(
          "--cascade",
          "background|foreground|orphan",
          "What happens to dependents such as the pods of a ReplicaSet",
          "ReplicaSet の Pod など従属オブジェクトの扱い",
          { optionalValue: true },
        ),
        dryRun,
        fieldSelector,
        filename,
        force,
        gracePeriod,
        bool(
          "--ignore-not-found",
          "Do not fail when the object does not exist",
          "存在しなくてもエラーにしない",
        ),
        bool("-i, --interactive", "Ask before deleting each object", "削除する前に1つずつ確認する"),
        kustomize,
        bool("--now", "Shut down immediately (grace period of 1 second)", "猶予を1秒にしてすぐに終了させる"),
        opt("-o, --output", "name", "Print only the names (-o name)", "名前だけを表示する（-o name）"),
        recursive,
        selector,
        timeout,
        bool(
          "--wait",
          "Wait until the objects are gone (on by default)",
          "オブジェクトが消えるまで待つ（既定で有効）",
        ),
      ],
    },
  ),
  command(
    "kubectl edit",
    "Edit a live object in your editor",
    "クラスタ上のオブジェクトをエディタで編集する",
    {
      takesResource: true,
      args: [typeArgOptional, nameArg],
      flags: [
        filename,
        kustomize,
        output,
        bool("--output-patch", "Print the patch that was applied", "適用したパッチを表示する"),
        recursive,
        bool(
          "--save-config",
          "Store the config so that kubectl apply works later",
          "後で kubectl apply できるように設定を保存する",
        ),
        validate,
      ],
    },
  ),
  command(
    "kubectl replace",
    "Replace objects with the content of a manifest",
    "オブジェクトをマニフェストの内容で置き換える",
    {
      flags: [
        opt(
          "--cascade",
          "background|foreground|orphan",
          "With --force, what happens to dependents",
          "--force のときの従属オブジェクトの扱い",
          {
            optionalValue: true,
          },
        ),
        dryRun,
        filename,
        bool("--force", "Delete and recreate the object", "オブジェクトを削除してから作り直す"),
        gracePeriod,
        kustomize,
        output,
        recursive,
        bool(
          "--save-config",
          "Store the config so that kubectl apply works later",
          "後で kubectl apply できるように設定を保存する",
        ),
        validate,
        bool(
          "--wait",
          "With --force, wait until the old object is gone",
          "--force で古いオブジェクトが消えるまで待つ",
        ),
      ],
    },
  ),
  command(
    "kubectl patch",
    "Change some fields of an object in place",
    "オブジェクトの一部のフィールドをその場で変更する",
    {
      takesResource: true,
      args: [typeArgOptional, nameArg],
      flags: [
        dryRun,
        filename,
        kustomize,
        local,
        output,
        opt("-p, --patch", "patch", "The patch as JSON or YAML", "JSON または YAML で書いたパッチ"),
        opt("--patch-file", "file", "Read the patch from a file", "パッチをファイルから読み込む"),
        recursive,
        opt("--type", "strategic|merge|json", "Kind of patch", "パッチの種類"),
      ],
    },
  ),
  command("kubectl diff", "Show what kubectl apply would change", "kubectl apply で何が変わるかを表示する", {
    flags: [
      opt(
        "--field-manager",
        "name",
        "Name recorded as the owner of the fields",
        "フィールドの管理者として記録する名前",
      ),
      filename,
      bool(
        "--force-conflicts",
        "With --server-side, take over fields owned by others",
        "--server-side で他の管理者のフィールドも上書きする",
      ),
      kustomize,
      bool(
        "--prune",
        "Also show objects that apply --prune would delete",
        "apply --prune で削除されるものも表示する",
      ),
      recursive,
      selector,
      bool("--server-side", "Let the API server compute the changes", "変更の計算を API サーバに任せる"),
    ],
  }),
  command(
    "kubectl explain",
    "Describe the fields of a resource type",
    "リソースの種類のフィールドを説明する",
    {
      takesResource: true,
      args: [
        arg(
          "TYPE[.FIELD]",
          "Resource type, optionally with a field path such as pods.spec",
          "リソースの種類（pods.spec のようにフィールドも指定可）",
        ),
      ],
      flags: [
        opt("--api-version", "group/version", "API version to explain", "説明する API バージョン"),
        opt("-o, --output", "plaintext|plaintext-openapiv2", "Output format", "出力形式"),
        bool("--recursive", "Print all nested fields at once", "入れ子のフィールドをすべて表示する"),
      ],
    },
  ),
  command(
    "kubectl label",
    "Add, change or remove labels of objects",
    "オブジェクトのラベルを追加・変更・削除する",
    {
      takesResource: true,
      args: [
        typeArgOptional,
        nameArg,
        keyValues("Labels to set; KEY- removes one", "設定するラベル（KEY- で削除）"),
      ],
      flags: [
        allOfType,
        allNamespaces,
        dryRun,
        fieldSelector,
        filename,
        kustomize,
        bool("--list", "List the labels instead of changing them", "変更せずにラベルを一覧表示する"),
        local,
        output,
        overwrite,
        recursive,
        opt(
          "--resource-version",
          "version",
          "Only change if the object is still at this version",
          "オブジェクトがこのバージョンの場合だけ変更する",
        ),
        selector,
      ],
    },
  ),
  command(
    "kubectl annotate",
    "Add, change or remove annotations of objects",
    "オブジェクトのアノテーションを追加・変更・削除する",
    {
      takesResource: true,
      args: [
        typeArgOptional,
        nameArg,
        keyValues("Annotations to set; KEY- removes one", "設定するアノテーション（KEY- で削除）"),
      ],
      flags: [
        allOfType,
        allNamespaces,
        dryRun,
        fieldSelector,
        filename,
        kustomize,
        bool(
          "--list",
          "List the annotations instead of changing them",
          "変更せずにアノテーションを一覧表示する",
        ),
        local,
        output,
        overwrite,
        recursive,
        opt(
          "--resource-version",
          "version",
          "Only change if the object is still at this version",
          "オブジェクトがこのバージョンの場合だけ変更する",
        ),
        selector,
      ],
    },
  ),
  command(
    "kubectl wait",
    "Wait until objects reach a condition",
    "オブジェクトが指定した状態になるまで待つ",
    {
      takesResource: true,
      args: [typeArgOptional, namesArg],
      flags: [
        allOfType,
        allNamespaces,
        fieldSelector,
        filename,
        opt(
          "--for",
          "condition",
          "What to wait for: condition=Ready, delete, jsonpath=…",
          "待つ条件（condition=Ready、delete、jsonpath=… など）",
        ),
        recursive,
        selector,
        opt(
          "--timeout",
          "duration",
          "Give up after this long (30s by default)",
          "この時間で諦める（既定は 30s）",
        ),
      ],
    },
  ),
  command(
    "kubectl kustomize",
    "Print the manifests a kustomization builds",
    "kustomization から生成されるマニフェストを表示する",
    {
      args: [
        arg(
          "DIR",
          "Folder with kustomization.yaml (or a Git URL)",
          "kustomization.yaml のあるディレクトリ（または Git URL）",
          { optional: true },
        ),
      ],
      flags: [
        bool("--enable-helm", "Allow the Helm chart generator", "Helm チャートの展開を許可する"),
        opt(
          "--load-restrictor",
          "rule",
          "Whether files outside the folder may be read",
          "ディレクトリ外のファイルを読めるかどうか",
        ),
        opt(
          "-o, --output",
          "path",
          "Write to this file or folder",
          "このファイルまたはディレクトリに書き出す",
        ),
      ],
    },
  ),
];

// ---------------------------------------------------------------------------------------------------------
// kubectl create <kind>
// ---------------------------------------------------------------------------------------------------------

const generatorFlags = [dryRun, output];
const createName = arg("NAME", "Name of the new object", "作成するオブジェクトの名前");

const createCommands: CatalogCommand[] = [
  command(
    "kubectl create deployment",
    "Create a Deployment running an image",
    "イメージを動かす Deployment を作成する",
    {
      aliases: ["kubectl create deploy"],
      args: [createName, commandAfterDashes, commandArgs],
      flags: [
        opt("--image", "image", "Image of the container (repeatable)", "コンテナのイメージ（複数指定可）"),
        opt("--port", "port", "Port the container listens on", "コンテナが待ち受けるポート"),
        opt("-r, --replicas", "n", "Number of pods", "Pod の数"),
        ...generatorFlags,
      ],
    },
  ),
  command("kubectl create namespace", "Create a Namespace", "Namespace を作成する", {
    aliases: ["kubectl create ns"],
    args: [createName],
    flags: generatorFlags,
  }),
  command(
    "kubectl create configmap",
    "Create a ConfigMap from files or literal values",
    "ファイルや値から ConfigMap を作成する",
    {
      aliases: ["kubectl create cm"],
      args: [createName],
      flags: [
        bool("--append-hash", "Append a hash of the content to the name", "内容のハッシュを名前に付ける"),
        opt(
          "--from-env-file",
          "file",
          "Read KEY=value lines from a file",
          "KEY=value の行をファイルから読む",
        ),
        opt("--from-file", "[key=]path", "Use a file's content as a value", "ファイルの内容を値にする"),
        opt("--from-literal", "key=value", "Add a key and value", "キーと値を追加する"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create secret",
    "Create a Secret (generic, docker-registry or tls)",
    "Secret を作成する（generic・docker-registry・tls）",
  ),
  command(
    "kubectl create secret generic",
    "Create a Secret from files or literal values",
    "ファイルや値から Secret を作成する",
    {
      args: [createName],
      flags: [
        bool("--append-hash", "Append a hash of the content to the name", "内容のハッシュを名前に付ける"),
        opt(
          "--from-env-file",
          "file",
          "Read KEY=value lines from a file",
          "KEY=value の行をファイルから読む",
        ),
        opt("--from-file", "[key=]path", "Use a file's content as a value", "ファイルの内容を値にする"),
        opt("--from-literal", "key=value", "Add a key and value", "キーと値を追加する"),
        opt("--type", "type", "Secret type, e.g. Opaque", "Secret のタイプ（例: Opaque）"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create secret docker-registry",
    "Create a Secret holding registry credentials",
    "レジストリの認証情報を持つ Secret を作成する",
    {
      args: [createName],
      flags: [
        opt("--docker-email", "email", "E-mail for the registry", "レジストリ用のメールアドレス"),
        opt("--docker-password", "password", "Password for the registry", "レジストリのパスワード"),
        opt("--docker-server", "url", "Registry address", "レジストリのアドレス"),
        opt("--docker-username", "name", "User name for the registry", "レジストリのユーザー名"),
        opt(
          "--from-file",
          "path",
          "Use an existing docker config.json",
          "既存の docker の config.json を使う",
        ),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create secret tls",
    "Create a Secret holding a TLS certificate and key",
    "TLS 証明書と秘密鍵を持つ Secret を作成する",
    {
      args: [createName],
      flags: [
        opt("--cert", "file", "Certificate file (PEM)", "証明書ファイル（PEM）"),
        opt("--key", "file", "Private key file (PEM)", "秘密鍵ファイル（PEM）"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create service",
    "Create a Service of a given type",
    "指定したタイプの Service を作成する",
    {
      aliases: ["kubectl create svc"],
    },
  ),
  command(
    "kubectl create service clusterip",
    "Create a ClusterIP Service (reachable inside the cluster)",
    "クラスタ内からアクセスできる ClusterIP Service を作成する",
    {
      aliases: ["kubectl create svc clusterip"],
      args: [createName],
      flags: [
        opt(
          "--clusterip",
          "ip",
          "Fixed cluster IP, or None for a headless service",
          "固定のクラスタIP（None でヘッドレス）",
        ),
        opt("--tcp", "port:targetPort", "Port mapping", "ポートの対応"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create service nodeport",
    "Create a NodePort Service (reachable on every node's port)",
    "各ノードのポートで公開する NodePort Service を作成する",
    {
      aliases: ["kubectl create svc nodeport"],
      args: [createName],
      flags: [
        opt("--node-port", "port", "Port opened on every node", "各ノードで開くポート"),
        opt("--tcp", "port:targetPort", "Port mapping", "ポートの対応"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create service loadbalancer",
    "Create a LoadBalancer Service",
    "LoadBalancer Service を作成する",
    {
      aliases: ["kubectl create svc loadbalancer"],
      args: [createName],
      flags: [opt("--tcp", "port:targetPort", "Port mapping", "ポートの対応"), ...generatorFlags],
    },
  ),
  command(
    "kubectl create service externalname",
    "Create an ExternalName Service (a DNS alias for an outside host)",
    "外部ホストの DNS 別名となる ExternalName Service を作成する",
    {
      aliases: ["kubectl create svc externalname"],
      args: [createName],
      flags: [
        opt(
          "--external-name",
          "host",
          "Outside host name the service points to",
          "Service が指す外部のホスト名",
        ),
        opt("--tcp", "port:targetPort", "Port mapping", "ポートの対応"),
        ...generatorFlags,
      ],
    },
  ),
  command("kubectl create job", "Create a Job", "Job を作成する", {
    args: [createName, commandAfterDashes, commandArgs],
    flags: [
      opt(
        "--from",
        "cronjob/name",
        "Copy the job template of a CronJob",
        "CronJob のテンプレートから作成する",
      ),
      opt("--image", "image", "Image of the container", "コンテナのイメージ"),
      ...generatorFlags,
    ],
  }),
  command(
    "kubectl create cronjob",
    "Create a CronJob that runs on a schedule",
    "スケジュールに従って動く CronJob を作成する",
    {
      aliases: ["kubectl create cj"],
      args: [createName, commandAfterDashes, commandArgs],
      flags: [
        opt("--image", "image", "Image of the container", "コンテナのイメージ"),
        opt(
          "--restart",
          "OnFailure|Never",
          "Restart policy of the job's pods",
          "Job の Pod の再起動ポリシー",
        ),
        opt(
          "--schedule",
          "cron",
          'Schedule in cron format, e.g. "*/5 * * * *"',
          'cron 形式のスケジュール（例: "*/5 * * * *"）',
        ),
        ...generatorFlags,
      ],
    },
  ),
  command("kubectl create serviceaccount", "Create a ServiceAccount", "ServiceAccount を作成する", {
    aliases: ["kubectl create sa"],
    args: [createName],
    flags: generatorFlags,
  }),
  command(
    "kubectl create ingress",
    "Create an Ingress with routing rules",
    "ルーティングルールを持つ Ingress を作成する",
    {
      aliases: ["kubectl create ing"],
      args: [createName],
      flags: [
        opt("--annotation", "key=value", "Add an annotation", "アノテーションを追加する"),
        opt("--class", "name", "Ingress class", "Ingress クラス"),
        opt(
          "--default-backend",
          "service:port",
          "Backend for requests that match no rule",
          "どのルールにも合わないリクエストの転送先",
        ),
        opt("--rule", "host/path=service:port", "Routing rule", "ルーティングルール"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create role",
    "Create a Role (permissions in one namespace)",
    "Role（1つの Namespace 内の権限）を作成する",
    {
      args: [createName],
      flags: [
        opt("--resource", "type", "Resource the rule applies to", "ルールを適用するリソース"),
        opt("--resource-name", "name", "Only these objects", "対象をこの名前のオブジェクトに限る"),
        opt("--verb", "verb", "Allowed verb, e.g. get, list, watch", "許可する操作（例: get、list、watch）"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create rolebinding",
    "Grant a Role or ClusterRole within a namespace",
    "Namespace 内で Role や ClusterRole を付与する",
    {
      args: [createName],
      flags: [
        opt("--clusterrole", "name", "ClusterRole to grant", "付与する ClusterRole"),
        opt("--group", "name", "Group to grant it to", "付与する先のグループ"),
        opt("--role", "name", "Role to grant", "付与する Role"),
        opt(
          "--serviceaccount",
          "namespace:name",
          "ServiceAccount to grant it to",
          "付与する先の ServiceAccount",
        ),
        opt("--user", "name", "User to grant it to", "付与する先のユーザー"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create clusterrole",
    "Create a ClusterRole (cluster-wide permissions)",
    "ClusterRole（クラスタ全体の権限）を作成する",
    {
      args: [createName],
      flags: [
        opt("--resource", "type", "Resource the rule applies to", "ルールを適用するリソース"),
        opt("--verb", "verb", "Allowed verb, e.g. get, list, watch", "許可する操作（例: get、list、watch）"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create clusterrolebinding",
    "Grant a ClusterRole across the cluster",
    "クラスタ全体で ClusterRole を付与する",
    {
      args: [createName],
      flags: [
        opt("--clusterrole", "name", "ClusterRole to grant", "付与する ClusterRole"),
        opt("--group", "name", "Group to grant it to", "付与する先のグループ"),
        opt(
          "--serviceaccount",
          "namespace:name",
          "ServiceAccount to grant it to",
          "付与する先の ServiceAccount",
        ),
        opt("--user", "name", "User to grant it to", "付与する先のユーザー"),
        ...generatorFlags,
      ],
    },
  ),
  command(
    "kubectl create token",
    "Issue a short-lived token for a ServiceAccount",
    "ServiceAccount の短期間有効なトークンを発行する",
    {
      args: [arg("SERVICE_ACCOUNT", "ServiceAccount name", "ServiceAccount 名")],
      flags: [
        opt("--audience", "aud", "Intended audience of the token", "トークンの想定利用先"),
        opt("--duration", "duration", "How long the token stays valid", "トークンの有効期間"),
        output,
      ],
    },
  ),
];

// ---------------------------------------------------------------------------------------------------------
// Working with pods and workloads
// ---------------------------------------------------------------------------------------------------------

const workloadCommands: CatalogCommand[] = [
  command("kubectl logs", "Print the logs of a container in a pod", "Pod 内のコンテナのログを表示する", {
    args: [
      podArg,
      arg("CONTAINER", "Container name (older form of -c)", "コンテナ名（-c の古い書き方）", {
        optional: true,
      }),
    ],
    flags: [
      bool(
        "--all-containers",
        "Logs of every container in the pod",
        "Pod 内のすべてのコンテナのログを表示する",
      ),
      container,
      bool("-f, --follow", "Keep streaming new log lines", "新しいログを流し続けて表示する"),
      bool(
        "--ignore-errors",
        "With --follow, keep going when a pod fails",
        "--follow 中に失敗した Pod があっても続ける",
      ),
      opt("--limit-bytes", "bytes", "Stop after this many bytes", "このバイト数で打ち切る"),
      opt(
        "--max-log-requests",
        "n",
        "With -l, how many pods to follow at once",
        "-l のとき同時に追う Pod の最大数",
      ),
      podRunningTimeout,
      bool(
        "--prefix",
        "Prefix each line with the pod and container name",
        "各行に Pod 名とコンテナ名を付ける",
      ),
      bool(
        "-p, --previous",
        "Logs of the previous, crashed instance of the container",
        "クラッシュする前のコンテナのログを表示する",
      ),
      selector,
      opt("--since", "duration", "Only logs newer than this, e.g. 5m", "指定した時間内のログだけ（例: 5m）"),
      opt("--since-time", "RFC3339", "Only logs after this time", "この時刻以降のログだけ"),
      opt("--tail", "lines", "Show only the last n lines", "末尾の n 行だけを表示する"),
      bool("--timestamps", "Prefix each line with its timestamp", "各行にタイムスタンプを付ける"),
    ],
  }),
  command("kubectl exec", "Run a command in a container of a pod", "Pod のコンテナ内でコマンドを実行する", {
    args: [podArg, commandAfterDashes, commandArgs],
    flags: [
      container,
      filename,
      podRunningTimeout,
      bool("-q, --quiet", "Print only the command's own output", "コマンド自身の出力だけを表示する"),
      stdin,
      tty,
    ],
  }),
  command(
    "kubectl attach",
    "Connect to the main process of a running container",
    "起動中のコンテナのメインプロセスに接続する",
    {
      args: [podArg],
      flags: [container, podRunningTimeout, quiet, stdin, tty],
    },
  ),
  command("kubectl port-forward", "Forward local ports to a pod", "ローカルのポートを Pod に転送する", {
    args: [
      podArg,
      arg(
        "[LOCAL_PORT:]REMOTE_PORT",
        "Port pairs to forward, e.g. 8080:80",
        "転送するポートの組（例: 8080:80）",
        { variadic: true },
      ),
    ],
    flags: [
      opt(
        "--address",
        "ip",
        "Local addresses to listen on (localhost by default)",
        "待ち受けるローカルアドレス（既定は localhost）",
      ),
      podRunningTimeout,
    ],
  }),
  command(
    "kubectl cp",
    "Copy files between a container and your machine",
    "コンテナと手元のマシンの間でファイルをコピーする",
    {
      args: [
        arg(
          "SRC",
          "Where to copy from: [namespace/]pod:path or a local path",
          "コピー元（[namespace/]pod:パス またはローカルのパス）",
        ),
        arg(
          "DEST",
          "Where to copy to: a local path or [namespace/]pod:path",
          "コピー先（ローカルのパス または [namespace/]pod:パス）",
        ),
      ],
      flags: [
        container,
        bool("--no-preserve", "Do not keep owner and permissions", "所有者とパーミッションを保持しない"),
        opt("--retries", "n", "Retries after an interrupted copy", "コピーが途切れたときの再試行回数"),
      ],
    },
  ),
  command("kubectl run", "Start a single pod running an image", "イメージを動かす Pod を1つ起動する", {
    args: [arg("NAME", "Name of the pod", "Pod の名前"), commandAfterDashes, commandArgs],
    flags: [
      opt("--annotations", "key=value", "Annotations for the pod", "Pod に付けるアノテーション"),
      bool("--attach", "Wait for the pod and attach to it", "Pod の起動を待って接続する"),
      bool(
        "--command",
        "Use the words after -- as the command instead of arguments",
        "-- の後をコマンド引数ではなくコマンドとして使う",
      ),
      dryRun,
      opt("--env", "KEY=value", "Environment variable for the container", "コンテナの環境変数"),
      bool(
        "--expose",
        "Also create a Service for the pod (needs --port)",
        "Pod 用の Service も作成する（--port が必要）",
      ),
      opt("--image", "image", "Image to run", "実行するイメージ"),
      opt(
        "--image-pull-policy",
        "Always|IfNotPresent|Never",
        "When to pull the image",
        "イメージを取得する条件",
      ),
      opt("-l, --labels", "key=value", "Labels for the pod", "Pod に付けるラベル"),
      output,
      opt(
        "--overrides",
        "json",
        "JSON patch merged into the generated pod",
        "生成する Pod に上書きする JSON",
      ),
      opt("--port", "port", "Port the container listens on", "コンテナが待ち受けるポート"),
      bool("--privileged", "Run the container privileged", "特権モードでコンテナを動かす"),
      quiet,
      opt("--restart", "Always|OnFailure|Never", "Restart policy of the pod", "Pod の再起動ポリシー"),
      bool("--rm", "Delete the pod when it exits (with -it)", "終了したら Pod を削除する（-it と併用）"),
      stdin,
      tty,
    ],
  }),
  command(
    "kubectl expose",
    "Create a Service in front of pods, a Deployment or another Service",
    "Pod や Deployment などの前に Service を作成して公開する",
    {
      takesResource: true,
      args: [typeArgOptional, nameArg],
      flags: [
        opt(
          "--cluster-ip",
          "ip",
          "Fixed cluster IP, or None for a headless service",
          "固定のクラスタIP（None でヘッドレス）",
        ),
        dryRun,
        opt(
          "--external-ip",
          "ip",
          "Extra outside IP the service accepts traffic on",
          "Service が受け付ける外部 IP",
        ),
        filename,
        opt("-l, --labels", "key=value", "Labels for the new Service", "作成する Service に付けるラベル"),
        opt("--name", "name", "Name of the new Service", "作成する Service の名前"),
        output,
        opt("--port", "port", "Port the Service listens on", "Service が待ち受けるポート"),
        opt("--protocol", "TCP|UDP|SCTP", "Network protocol", "通信プロトコル"),
        opt(
          "--selector",
          "key=value",
          "Pods to send traffic to (default: taken from the object)",
          "転送先の Pod を選ぶラベル（既定は対象から取得）",
        ),
        opt("--target-port", "port", "Port on the pods to send traffic to", "転送先の Pod 側のポート"),
        opt("--type", "ClusterIP|NodePort|LoadBalancer", "Type of Service", "Service のタイプ"),
      ],
    },
  ),
  command("kubectl scale", "Set the number of replicas", "レプリカ数を変更する", {
    takesResource: true,
    args: [typeArgOptional, namesArg],
    flags: [
      allOfType,
      opt(
        "--current-replicas",
        "n",
        "Only scale if the current count is this",
        "現在のレプリカ数がこの値のときだけ変更する",
      ),
      dryRun,
      filename,
      output,
      recursive,
      opt("--replicas", "n", "New number of replicas", "新しいレプリカ数"),
      selector,
      timeout,
    ],
  }),
  command(
    "kubectl autoscale",
    "Create a HorizontalPodAutoscaler for a workload",
    "ワークロードに HorizontalPodAutoscaler を作成する",
    {
      takesResource: true,
      args: [typeArgOptional, nameArg],
      flags: [
        opt("--cpu-percent", "percent", "Target average CPU use", "目標とする平均 CPU 使用率"),
        dryRun,
        filename,
        opt("--max", "n", "Upper limit of replicas", "レプリカ数の上限"),
        opt("--min", "n", "Lower limit of replicas", "レプリカ数の下限"),
        opt("--name", "name", "Name of the autoscaler", "オートスケーラーの名前"),
        output,
      ],
    },
  ),
  command(
    "kubectl debug",
    "Start a debugging container for a pod or node",
    "Pod やノードをデバッグするコンテナを起動する",
    {
      args: [
        arg("TARGET", "Pod name, or node/NAME", "Pod 名、または node/ノード名"),
        commandAfterDashes,
        commandArgs,
      ],
      flags: [
        container,
        opt(
          "--copy-to",
          "name",
          "Debug a copy of the pod with this name",
          "この名前の Pod のコピーでデバッグする",
        ),
        opt("--image", "image", "Image of the debugging container", "デバッグ用コンテナのイメージ"),
        opt(
          "--profile",
          "general|baseline|restricted|…",
          "Preset of privileges for the debugger",
          "デバッグ用の権限プリセット",
        ),
        bool(
          "--share-processes",
          "With --copy-to, share the process namespace",
          "--copy-to でプロセス名前空間を共有する",
        ),
        stdin,
        opt("--target", "container", "Container whose processes to see", "プロセスを参照する対象コンテナ"),
        tty,
      ],
    },
  ),
  command("kubectl events", "List events in the cluster", "クラスタのイベントを一覧表示する", {
    flags: [
      allNamespaces,
      opt("--for", "kind/name", "Only events about this object", "このオブジェクトに関するイベントだけ"),
      noHeaders,
      output,
      opt("--types", "Normal|Warning", "Only events of these types", "この種類のイベントだけ"),
      watch,
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------
// Groups of subcommands: set, rollout, top, config, auth
// ---------------------------------------------------------------------------------------------------------

const setCommands: CatalogCommand[] = [
  command(
    "kubectl set",
    "Change a specific field of objects",
    "オブジェクトの特定のフィールドを変更するコマンド群",
  ),
  command("kubectl set image", "Change the image of containers", "コンテナのイメージを変更する", {
    takesResource: true,
    args: [
      typeArgOptional,
      nameArg,
      arg("CONTAINER=IMAGE", "Container and its new image", "コンテナと新しいイメージ", { variadic: true }),
    ],
    flags: [allOfType, dryRun, filename, kustomize, local, output, record, recursive, selector],
  }),
  command(
    "kubectl set env",
    "Set or remove environment variables of containers",
    "コンテナの環境変数を設定・削除する",
    {
      takesResource: true,
      args: [
        typeArgOptional,
        nameArg,
        keyValues("Variables to set; KEY- removes one", "設定する環境変数（KEY- で削除）"),
      ],
      flags: [
        allOfType,
        opt("-c, --containers", "name", "Only these containers", "対象のコンテナ"),
        dryRun,
        opt("-e, --env", "KEY=value", "Variable to set", "設定する環境変数"),
        filename,
        opt(
          "--from",
          "configmap/name|secret/name",
          "Take the variables from a ConfigMap or Secret",
          "ConfigMap や Secret から環境変数を取り込む",
        ),
        bool("--list", "List the variables instead of changing them", "変更せずに環境変数を一覧表示する"),
        local,
        output,
        overwrite,
        selector,
      ],
    },
  ),
  command(
    "kubectl set resources",
    "Set CPU and memory requests and limits",
    "CPU とメモリの要求量・上限を設定する",
    {
      takesResource: true,
      args: [typeArgOptional, nameArg],
      flags: [
        allOfType,
        opt("-c, --containers", "name", "Only these containers", "対象のコンテナ"),
        dryRun,
        filename,
        opt(
          "--limits",
          "cpu=…,memory=…",
          "Upper limits, e.g. cpu=500m,memory=256Mi",
          "上限（例: cpu=500m,memory=256Mi）",
        ),
        local,
        output,
        opt(
          "--requests",
          "cpu=…,memory=…",
          "Amounts reserved for scheduling",
          "スケジューリング時に確保する量",
        ),
        selector,
      ],
    },
  ),
];

const rolloutTarget = [typeArgOptional, nameArg];
const rolloutSelect = [filename, kustomize, recursive, selector];

const rolloutCommands: CatalogCommand[] = [
  command(
    "kubectl rollout",
    "Manage the rollout of Deployments, DaemonSets and StatefulSets",
    "Deployment・DaemonSet・StatefulSet のロールアウトを管理するコマンド群",
  ),
  command(
    "kubectl rollout status",
    "Follow a rollout until it finishes",
    "ロールアウトが終わるまで進み具合を表示する",
    {
      takesResource: true,
      args: rolloutTarget,
      flags: [
        ...rolloutSelect,
        opt("--revision", "n", "Follow this revision", "このリビジョンの状況を表示する"),
        timeout,
        bool("-w, --watch", "Keep watching until done (on by default)", "完了まで監視し続ける（既定で有効）"),
      ],
    },
  ),
  command(
    "kubectl rollout history",
    "Show the revisions of a rollout",
    "ロールアウトのリビジョン履歴を表示する",
    {
      takesResource: true,
      args: rolloutTarget,
      flags: [
        ...rolloutSelect,
        output,
        opt("--revision", "n", "Show the details of this revision", "このリビジョンの詳細を表示する"),
      ],
    },
  ),
  command("kubectl rollout undo", "Roll back to an earlier revision", "以前のリビジョンにロールバックする", {
    takesResource: true,
    args: rolloutTarget,
    flags: [
      ...rolloutSelect,
      dryRun,
      output,
      opt(
        "--to-revision",
        "n",
        "Revision to go back to (the previous one by default)",
        "戻す先のリビジョン（既定は1つ前）",
      ),
    ],
  }),
  command(
    "kubectl rollout restart",
    "Restart the pods with a new rollout",
    "新しいロールアウトで Pod を再起動する",
    {
      takesResource: true,
      args: rolloutTarget,
      flags: [...rolloutSelect, output],
    },
  ),
  command(
    "kubectl rollout pause",
    "Pause a rollout so that changes pile up without being rolled out",
    "ロールアウトを一時停止し、変更を反映せずにためておく",
    {
      takesResource: true,
      args: rolloutTarget,
      flags: [...rolloutSelect, output],
    },
  ),
  command("kubectl rollout resume", "Resume a paused rollout", "一時停止したロールアウトを再開する", {
    takesResource: true,
    args: rolloutTarget,
    flags: [...rolloutSelect, output],
  }),
];

const topCommands: CatalogCommand[] = [
  command(
    "kubectl top",
    "Show CPU and memory use (needs metrics-server)",
    "CPU とメモリの使用量を表示する（metrics-server が必要）",
  ),
  command("kubectl top node", "Show CPU and memory use of nodes", "ノードの CPU・メモリ使用量を表示する", {
    aliases: ["kubectl top nodes", "kubectl top no"],
    args: [arg("NAME", "Node name (all if none)", "ノード名（省略時はすべて）", { optional: true })],
    flags: [
      noHeaders,
      selector,
      bool(
        "--show-capacity",
        "Show capacity instead of allocatable",
        "割り当て可能量ではなく総容量を表示する",
      ),
      sortBy,
    ],
  }),
  command("kubectl top pod", "Show CPU and memory use of pods", "Pod の CPU・メモリ使用量を表示する", {
    aliases: ["kubectl top pods", "kubectl top po"],
    args: [arg("NAME", "Pod name (all if none)", "Pod 名（省略時はすべて）", { optional: true })],
    flags: [
      allNamespaces,
      bool("--containers", "Show each container separately", "コンテナごとに表示する"),
      fieldSelector,
      noHeaders,
      selector,
      sortBy,
      bool("--sum", "Print a total line", "合計の行も表示する"),
    ],
  }),
];

const contextArg = arg("CONTEXT", "Context name from the kubeconfig", "kubeconfig のコンテキスト名");

const configCommands: CatalogCommand[] = [
  command(
    "kubectl config",
    "Read and change kubeconfig files (clusters, users, contexts)",
    "kubeconfig（クラスタ・ユーザー・コンテキスト）を参照・変更するコマンド群",
  ),
  command("kubectl config view", "Print the kubeconfig in use", "使用中の kubeconfig を表示する", {
    flags: [
      bool(
        "--flatten",
        "Inline referenced files so the result stands alone",
        "参照しているファイルを埋め込み、単体で使える形にする",
      ),
      bool("--minify", "Only what the current context needs", "現在のコンテキストに必要な部分だけを表示する"),
      output,
      bool(
        "--raw",
        "Show secrets such as certificates and tokens",
        "証明書やトークンなどの秘密情報も表示する",
      ),
    ],
  }),
  command("kubectl config use-context", "Switch the current context", "現在のコンテキストを切り替える", {
    aliases: ["kubectl config use"],
    args: [contextArg],
  }),
  command(
    "kubectl config get-contexts",
    "List the contexts (the current one is starred)",
    "コンテキストを一覧表示する（現在のものに * が付く）",
    {
      args: [arg("CONTEXT", "Only this context", "このコンテキストだけ", { optional: true })],
      flags: [
        noHeaders,
        opt("-o, --output", "name", "Print only the names (-o name)", "名前だけを表示する（-o name）"),
      ],
    },
  ),
  command(
    "kubectl config current-context",
    "Print the name of the current context",
    "現在のコンテキスト名を表示する",
  ),
  command("kubectl config set-context", "Create or change a context", "コンテキストを作成・変更する", {
    args: [
      arg("CONTEXT", "Context to change (or use --current)", "変更するコンテキスト（--current でも可）", {
        optional: true,
      }),
    ],
    flags: [
      opt("--cluster", "name", "Cluster of the context", "コンテキストのクラスタ"),
      bool("--current", "Change the current context", "現在のコンテキストを変更する"),
      opt("--namespace", "namespace", "Default namespace of the context", "コンテキストの既定の Namespace"),
      opt("--user", "name", "User of the context", "コンテキストのユーザー"),
    ],
  }),
  command("kubectl config set-cluster", "Add or change a cluster entry", "クラスタの設定を追加・変更する", {
    args: [arg("NAME", "Cluster name", "クラスタ名")],
    flags: [
      opt("--certificate-authority", "file", "CA certificate of the cluster", "クラスタの CA 証明書"),
      bool("--embed-certs", "Store the certificate inside the kubeconfig", "証明書を kubeconfig に埋め込む"),
      bool(
        "--insecure-skip-tls-verify",
        "Do not check the server's certificate (unsafe)",
        "サーバ証明書を検証しない（安全ではない）",
      ),
      opt("--server", "url", "API server address", "API サーバのアドレス"),
    ],
  }),
  command(
    "kubectl config set-credentials",
    "Add or change a user entry",
    "ユーザーの認証情報を追加・変更する",
    {
      args: [arg("NAME", "User name in the kubeconfig", "kubeconfig 内のユーザー名")],
      flags: [
        opt("--client-certificate", "file", "Client certificate", "クライアント証明書"),
        opt("--client-key", "file", "Client private key", "クライアントの秘密鍵"),
        bool(
          "--embed-certs",
          "Store the certificate inside the kubeconfig",
          "証明書を kubeconfig に埋め込む",
        ),
        opt("--password", "password", "Password for basic authentication", "Basic 認証のパスワード"),
        opt("--token", "token", "Bearer token", "Bearer トークン"),
        opt("--username", "name", "User name for basic authentication", "Basic 認証のユーザー名"),
      ],
    },
  ),
  command(
    "kubectl config delete-context",
    "Remove a context from the kubeconfig",
    "kubeconfig からコンテキストを削除する",
    {
      args: [contextArg],
    },
  ),
  command("kubectl config rename-context", "Rename a context", "コンテキストの名前を変更する", {
    args: [contextArg, arg("NEW_NAME", "The new name", "新しい名前")],
  }),
  command(
    "kubectl config get-clusters",
    "List the clusters in the kubeconfig",
    "kubeconfig のクラスタを一覧表示する",
  ),
  command("kubectl config set", "Set one value in the kubeconfig", "kubeconfig の値を1つ設定する", {
    args: [
      arg(
        "PROPERTY_NAME",
        "Dotted path, e.g. contexts.dev.namespace",
        "ドット区切りのパス（例: contexts.dev.namespace）",
      ),
      arg("VALUE", "New value", "新しい値"),
    ],
  }),
  command("kubectl config unset", "Remove one value from the kubeconfig", "kubeconfig の値を1つ削除する", {
    args: [arg("PROPERTY_NAME", "Dotted path of the value", "値のドット区切りのパス")],
  }),
];

const authCommands: CatalogCommand[] = [
  command("kubectl auth", "Inspect authorization", "認可（権限）を確認するコマンド群"),
  command(
    "kubectl auth can-i",
    "Check whether you may do an action",
    "ある操作をする権限があるかを確かめる",
    {
      args: [
        arg("VERB", "Action, e.g. get, create, delete", "操作（例: get、create、delete）"),
        arg("TYPE[/NAME]", "Resource, or a non-resource URL", "リソース、またはリソース以外の URL"),
      ],
      flags: [
        allNamespaces,
        bool("--list", "List everything you may do", "許可されている操作をすべて表示する"),
        noHeaders,
        bool("-q, --quiet", "Print nothing; answer with the exit code", "何も表示せず終了コードで答える"),
        opt("--subresource", "name", "Subresource, e.g. log", "サブリソース（例: log）"),
      ],
    },
  ),
  command(
    "kubectl auth whoami",
    "Show which user the server sees you as",
    "サーバから見た自分のユーザー情報を表示する",
    {
      flags: [output],
    },
  ),
];

// ---------------------------------------------------------------------------------------------------------
// Cluster and node administration, discovery
// ---------------------------------------------------------------------------------------------------------

const clusterCommands: CatalogCommand[] = [
  command(
    "kubectl cluster-info",
    "Show the addresses of the control plane and core services",
    "コントロールプレーンと主要サービスのアドレスを表示する",
  ),
  command(
    "kubectl cluster-info dump",
    "Dump a lot of cluster state for debugging",
    "デバッグ用にクラスタの状態を大量に書き出す",
    {
      flags: [
        allNamespaces,
        opt("--namespaces", "list", "Only these namespaces", "対象の Namespace"),
        output,
        opt(
          "--output-directory",
          "dir",
          "Write files into this folder instead of standard output",
          "標準出力ではなくこのディレクトリにファイルとして書き出す",
        ),
      ],
    },
  ),
  command("kubectl cordon", "Mark a node as unschedulable", "ノードに新しい Pod が配置されないようにする", {
    args: [nodeArg],
    flags: [dryRun, selector],
  }),
  command("kubectl uncordon", "Mark a node as schedulable again", "ノードに再び Pod を配置できるようにする", {
    args: [nodeArg],
    flags: [dryRun, selector],
  }),
  command(
    "kubectl drain",
    "Evict the pods of a node before maintenance",
    "メンテナンス前にノードから Pod を退避させる",
    {
      args: [nodeArg],
      flags: [
        bool(
          "--delete-emptydir-data",
          "Also evict pods that use emptyDir (their data is lost)",
          "emptyDir を使う Pod も退避する（データは失われる）",
        ),
        bool(
          "--disable-eviction",
          "Delete pods instead of evicting them (skips disruption budgets)",
          "退避ではなく削除する（PodDisruptionBudget を無視する）",
        ),
        dryRun,
        bool(
          "--force",
          "Also remove pods not managed by a controller",
          "コントローラに管理されていない Pod も削除する",
        ),
        gracePeriod,
        bool("--ignore-daemonsets", "Leave DaemonSet pods in place", "DaemonSet の Pod はそのままにする"),
        opt(
          "--pod-selector",
          "key=value",
          "Only evict pods with these labels",
          "このラベルの Pod だけを退避する",
        ),
        selector,
        timeout,
      ],
    },
  ),
  command(
    "kubectl taint",
    "Add or remove taints that keep pods off nodes",
    "Pod を寄せ付けないテイントをノードに付け外しする",
    {
      takesResource: true,
      args: [
        typeArg,
        nameArg,
        arg(
          "KEY=VALUE:EFFECT",
          "Taint to add; KEY:EFFECT- removes it",
          "追加するテイント（KEY:EFFECT- で削除）",
          { variadic: true },
        ),
      ],
      flags: [allOfType, dryRun, output, overwrite, selector],
    },
  ),
  command(
    "kubectl api-resources",
    "List the resource types the server knows",
    "サーバが扱えるリソースの種類を一覧表示する",
    {
      flags: [
        opt("--api-group", "group", "Only this API group", "この API グループだけ"),
        bool("--cached", "Use the cached list", "キャッシュした一覧を使う"),
        opt("--categories", "list", "Only these categories, e.g. all", "このカテゴリだけ（例: all）"),
        bool(
          "--namespaced",
          "Only namespaced types (=false for cluster-wide ones)",
          "Namespace に属する種類だけ（=false でクラスタ全体のもの）",
        ),
        noHeaders,
        opt("-o, --output", "wide|name", "Output format", "出力形式"),
        opt("--sort-by", "name|kind", "Sort the list", "並べ替える"),
        opt("--verbs", "list", "Only types that support these verbs", "この操作ができる種類だけ"),
      ],
    },
  ),
  command(
    "kubectl api-versions",
    "List the API versions the server supports",
    "サーバが対応している API バージョンを一覧表示する",
  ),
  command(
    "kubectl version",
    "Show the versions of kubectl and the server",
    "kubectl とサーバのバージョンを表示する",
    {
      flags: [
        bool("--client", "Only the kubectl version", "kubectl のバージョンだけを表示する"),
        opt("-o, --output", "yaml|json", "Output format", "出力形式"),
      ],
    },
  ),
  command(
    "kubectl proxy",
    "Serve the Kubernetes API on a local port",
    "Kubernetes API をローカルのポートで中継する",
    {
      flags: [
        opt("--accept-hosts", "regexp", "Host names the proxy accepts", "プロキシが受け付けるホスト名"),
        opt(
          "--address",
          "ip",
          "Address to listen on (127.0.0.1 by default)",
          "待ち受けるアドレス（既定は 127.0.0.1）",
        ),
        opt(
          "--api-prefix",
          "path",
          "Path prefix under which the API is served",
          "API を提供するパスの接頭辞",
        ),
        bool(
          "--disable-filter",
          "Turn off request filtering (unsafe)",
          "リクエストのフィルタを無効にする（安全ではない）",
        ),
        opt("-p, --port", "port", "Port to listen on (8001 by default)", "待ち受けるポート（既定は 8001）"),
        opt(
          "-u, --unix-socket",
          "path",
          "Listen on a Unix socket instead",
          "代わりに Unix ソケットで待ち受ける",
        ),
        opt(
          "-w, --www",
          "dir",
          "Also serve static files from this folder",
          "このディレクトリの静的ファイルも提供する",
        ),
        opt("-P, --www-prefix", "path", "Path prefix for the static files", "静的ファイルのパスの接頭辞"),
      ],
    },
  ),
  command("kubectl completion", "Print a shell completion script", "シェルの補完スクリプトを出力する", {
    args: [arg("SHELL", "bash, zsh, fish or powershell", "対象のシェル（bash・zsh・fish・powershell）")],
  }),
];

/** The kubectl command tree. */
export const kubectlCommands: CatalogCommand[] = [
  ...basicCommands,
  ...createCommands,
  ...workloadCommands,
  ...setCommands,
  ...rolloutCommands,
  ...topCommands,
  ...configCommands,
  ...authCommands,
  ...clusterCommands,
];

// ---------------------------------------------------------------------------------------------------------
// Resource types
// ---------------------------------------------------------------------------------------------------------

function resource(name: string, aliases: string[], en: string, ja: string): ResourceType {
  return { name, aliases, summary: { en, ja } };
}

/** Resource types with their plural name first, then the singular and short names kubectl accepts. */
export const kubernetesResources: ResourceType[] = [
  resource(
    "all",
    [],
    "Shortcut for the common workload types (pods, services, deployments, …)",
    "主なワークロード（Pod・Service・Deployment など）をまとめて指す",
  ),
  resource(
    "pods",
    ["po", "pod"],
    "Pods: one or more containers deployed together on a node",
    "Pod: ノード上で一緒にデプロイされる1つ以上のコンテナ",
  ),
  resource(
    "services",
    ["svc", "service"],
    "Services: a stable address in front of a set of pods",
    "Service: Pod の集まりの前に置く固定のアクセス先",
  ),
  resource(
    "deployments",
    ["deploy", "deployment"],
    "Deployments: manage ReplicaSets for rolling updates and rollbacks",
    "Deployment: ReplicaSet を管理し、ローリングアップデートやロールバックを行う",
  ),
  resource(
    "replicasets",
    ["rs", "replicaset"],
    "ReplicaSets: keep a fixed number of identical pods running",
    "ReplicaSet: 同じ仕様の Pod を指定数動かし続ける",
  ),
  resource(
    "statefulsets",
    ["sts", "statefulset"],
    "StatefulSets: pods with stable names and storage",
    "StatefulSet: 固定の名前とストレージを持つ Pod を管理する",
  ),
  resource(
    "daemonsets",
    ["ds", "daemonset"],
    "DaemonSets: one pod on every (or every matching) node",
    "DaemonSet: すべて（または条件に合う）ノードに Pod を1つずつ配置する",
  ),
  resource(
    "jobs",
    ["job"],
    "Jobs: run pods until a task completes",
    "Job: タスクが完了するまで Pod を実行する",
  ),
  resource(
    "cronjobs",
    ["cj", "cronjob"],
    "CronJobs: create Jobs on a schedule",
    "CronJob: スケジュールに従って Job を作成する",
  ),
  resource(
    "namespaces",
    ["ns", "namespace"],
    "Namespaces: virtual clusters that separate objects",
    "Namespace: オブジェクトを分けて管理する仮想的なクラスタ",
  ),
  resource("nodes", ["no", "node"], "Nodes: the machines that run pods", "Node: Pod を動かすマシン"),
  resource(
    "configmaps",
    ["cm", "configmap"],
    "ConfigMaps: non-secret settings for pods",
    "ConfigMap: Pod に渡す秘密でない設定値",
  ),
  resource(
    "secrets",
    ["secret"],
    "Secrets: passwords, tokens and keys for pods",
    "Secret: Pod に渡すパスワード・トークン・鍵",
  ),
  resource(
    "ingresses",
    ["ing", "ingress"],
    "Ingresses: HTTP routing from outside into Services",
    "Ingress: 外部から Service への HTTP ルーティング",
  ),
  resource(
    "ingressclasses",
    ["ingressclass"],
    "IngressClasses: which controller implements an Ingress",
    "IngressClass: Ingress を処理するコントローラの指定",
  ),
  resource(
    "persistentvolumeclaims",
    ["pvc", "persistentvolumeclaim"],
    "PersistentVolumeClaims: a pod's request for storage",
    "PersistentVolumeClaim: Pod が使うストレージの要求",
  ),
  resource(
    "persistentvolumes",
    ["pv", "persistentvolume"],
    "PersistentVolumes: pieces of storage in the cluster",
    "PersistentVolume: クラスタ内のストレージ",
  ),
  resource(
    "storageclasses",
    ["sc", "storageclass"],
    "StorageClasses: kinds of storage that can be provisioned",
    "StorageClass: 動的に用意できるストレージの種類",
  ),
  resource(
    "serviceaccounts",
    ["sa", "serviceaccount"],
    "ServiceAccounts: identities for processes in pods",
    "ServiceAccount: Pod 内のプロセスが使う ID",
  ),
  resource(
    "endpoints",
    ["ep"],
    "Endpoints: the pod addresses behind a Service",
    "Endpoints: Service の背後にある Pod のアドレス",
  ),
  resource(
    "endpointslices",
    ["endpointslice"],
    "EndpointSlices: scalable lists of a Service's endpoints",
    "EndpointSlice: Service のエンドポイントを分割して持つ一覧",
  ),
  resource(
    "events",
    ["ev", "event"],
    "Events: what happened to objects (scheduling, failures, …)",
    "Event: オブジェクトに起きたこと（スケジューリングや失敗など）",
  ),
  resource(
    "horizontalpodautoscalers",
    ["hpa", "horizontalpodautoscaler"],
    "HorizontalPodAutoscalers: scale replicas by load",
    "HorizontalPodAutoscaler: 負荷に応じてレプリカ数を増減する",
  ),
  resource(
    "replicationcontrollers",
    ["rc", "replicationcontroller"],
    "ReplicationControllers: the older form of ReplicaSets",
    "ReplicationController: ReplicaSet の古い形",
  ),
  resource(
    "networkpolicies",
    ["netpol", "networkpolicy"],
    "NetworkPolicies: which pods may talk to which",
    "NetworkPolicy: どの Pod 同士が通信できるかの規則",
  ),
  resource(
    "poddisruptionbudgets",
    ["pdb", "poddisruptionbudget"],
    "PodDisruptionBudgets: how many pods may be down during maintenance",
    "PodDisruptionBudget: メンテナンス中に停止してよい Pod 数",
  ),
  resource(
    "limitranges",
    ["limits", "limitrange"],
    "LimitRanges: default and maximum resources per pod in a namespace",
    "LimitRange: Namespace 内の Pod ごとのリソースの既定値と上限",
  ),
  resource(
    "resourcequotas",
    ["quota", "resourcequota"],
    "ResourceQuotas: total resource caps for a namespace",
    "ResourceQuota: Namespace 全体のリソース上限",
  ),
  resource("roles", ["role"], "Roles: permissions within one namespace", "Role: 1つの Namespace 内の権限"),
  resource(
    "rolebindings",
    ["rolebinding"],
    "RoleBindings: grant a role to users or service accounts",
    "RoleBinding: ユーザーや ServiceAccount にロールを付与する",
  ),
  resource(
    "clusterroles",
    ["clusterrole"],
    "ClusterRoles: cluster-wide permissions",
    "ClusterRole: クラスタ全体の権限",
  ),
  resource(
    "clusterrolebindings",
    ["clusterrolebinding"],
    "ClusterRoleBindings: grant a cluster role across the cluster",
    "ClusterRoleBinding: クラスタ全体でロールを付与する",
  ),
  resource(
    "customresourcedefinitions",
    ["crd", "crds", "customresourcedefinition"],
    "CustomResourceDefinitions: add your own resource types",
    "CustomResourceDefinition: 独自のリソースの種類を追加する",
  ),
  resource(
    "priorityclasses",
    ["pc", "priorityclass"],
    "PriorityClasses: scheduling priority of pods",
    "PriorityClass: Pod のスケジューリング優先度",
  ),
  resource(
    "leases",
    ["lease"],
    "Leases: lightweight locks, e.g. for leader election",
    "Lease: リーダー選出などに使う軽量なロック",
  ),
  resource(
    "componentstatuses",
    ["cs", "componentstatus"],
    "ComponentStatuses: health of control-plane parts (deprecated)",
    "ComponentStatus: コントロールプレーンの状態（非推奨）",
  ),
];
