import { arg, bool, opt } from "./builders.js";
import type { CatalogArg, CatalogCommand, CatalogFlag } from "./types.js";

interface CommandSpec {
  aliases?: string[];
  args?: CatalogArg[];
  flags?: CatalogFlag[];
  flagsBeforeArgsOnly?: boolean;
}

const help = bool("--help", "Show the help for this command", "このコマンドのヘルプを表示する");

function command(name: string, en: string, ja: string, spec: CommandSpec = {}): CatalogCommand {
  return {
    tool: "docker",
    name,
    aliases: spec.aliases ?? [],
    summary: { en, ja },
    args: spec.args ?? [],
    flags: [...(spec.flags ?? []), help],
    ...(spec.flagsBeforeArgsOnly ? { flagsBeforeArgsOnly: true } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Flags and arguments shared by several commands
// ---------------------------------------------------------------------------------------------------------

const listFilter = opt(
  "-f, --filter",
  "key=value",
  "Only list what matches a condition, e.g. status=exited",
  "status=exited などの条件に合うものだけを一覧に出す",
);
const listFormat = opt(
  "--format",
  "template",
  "Lay out the list with a Go template, or as table / json",
  "一覧の表示形式を Go テンプレートや table / json で指定する",
);
const quietIds = bool("-q, --quiet", "Print only the IDs", "ID だけを表示する");
const noTrunc = bool(
  "--no-trunc",
  "Print IDs and values in full, without shortening",
  "ID などを省略せずにすべて表示する",
);
const pruneForce = bool("-f, --force", "Delete without asking for confirmation", "確認を求めずに削除する");
const pruneFilter = opt(
  "--filter",
  "key=value",
  "Only delete what matches a condition, e.g. until=24h or label=…",
  "until=24h や label=… などの条件に合うものだけを削除する",
);
const inspectFormat = opt(
  "-f, --format",
  "template",
  "Pick fields out of the JSON with a Go template",
  "Go テンプレートで JSON から必要な項目だけを取り出す",
);
const platform = opt(
  "--platform",
  "os/arch",
  "Choose the platform, e.g. linux/amd64 or linux/arm64",
  "対象プラットフォームを指定する（例: linux/amd64、linux/arm64）",
);
const detachKeys = opt(
  "--detach-keys",
  "keys",
  "Change the key sequence that detaches from the container",
  "コンテナからデタッチするキー操作を変更する",
);
const stopSignal = opt(
  "-s, --signal",
  "signal",
  "Signal to send to the container",
  "コンテナに送るシグナルを指定する",
);
const stopTimeout = opt(
  "-t, --timeout",
  "seconds",
  "Seconds to wait for a clean stop before killing the container",
  "強制終了する前に正常終了を待つ秒数",
);

const containerArg = arg("CONTAINER", "Container name or ID", "コンテナ名またはコンテナID");
const containersArg = arg(
  "CONTAINER",
  "One or more container names or IDs",
  "コンテナ名またはコンテナID（複数可）",
  {
    variadic: true,
  },
);
const imageArg = arg(
  "IMAGE",
  "Image to use, as name[:tag] or name@digest",
  "使用するイメージ（名前[:タグ] または 名前@ダイジェスト）",
);
const imagesArg = arg("IMAGE", "One or more image names or IDs", "イメージ名またはイメージID（複数可）", {
  variadic: true,
});
const commandArg = arg(
  "COMMAND",
  "Program to run inside the container instead of the default",
  "コンテナ内で実行するコマンド（既定のコマンドの代わり）",
  { optional: true },
);
const commandArgs = arg("ARG", "Arguments for that program", "そのコマンドに渡す引数", {
  optional: true,
  variadic: true,
});

// ---------------------------------------------------------------------------------------------------------
// docker container …
// ---------------------------------------------------------------------------------------------------------

/** Options shared by `docker container run` and `docker container create`. */
const containerConfigFlags: CatalogFlag[] = [
  opt(
    "-a, --attach",
    "stream",
    "Attach to STDIN, STDOUT or STDERR",
    "標準入力・標準出力・標準エラーのどれに接続するかを選ぶ",
  ),
  opt(
    "--add-host",
    "host:ip",
    "Add a host-name-to-IP line to the container's /etc/hosts",
    "コンテナの /etc/hosts にホスト名と IP の対応を追加する",
  ),
  opt("--cap-add", "capability", "Grant an extra Linux capability", "Linux ケーパビリティを追加で与える"),
  opt("--cap-drop", "capability", "Take away a Linux capability", "Linux ケーパビリティを取り除く"),
  opt(
    "-c, --cpu-shares",
    "weight",
    "Relative CPU weight against other containers",
    "他のコンテナに対する CPU の相対的な配分",
  ),
  opt(
    "--cpus",
    "number",
    "Cap how many CPUs the container may use, e.g. 1.5",
    "使える CPU 数の上限（例: 1.5）",
  ),
  opt(
    "--device",
    "host-path",
    "Give the container access to a host device",
    "ホストのデバイスをコンテナから使えるようにする",
  ),
  opt("--dns", "ip", "Use this DNS server inside the container", "コンテナ内で使う DNS サーバを指定する"),
  opt(
    "--entrypoint",
    "command",
    "Replace the image's ENTRYPOINT with another program",
    "イメージの ENTRYPOINT を別のコマンドに置き換える",
  ),
  opt(
    "-e, --env",
    "KEY=value",
    "Set an environment variable in the container",
    "コンテナ内の環境変数を設定する",
  ),
  opt(
    "--env-file",
    "file",
    "Load environment variables from a file",
    "ファイルから環境変数をまとめて読み込む",
  ),
  opt(
    "--expose",
    "port",
    "Declare a port as exposed without publishing it on the host",
    "ホストには公開せずに、ポートを公開予定として宣言する",
  ),
  opt("--gpus", "gpus", "Give the container GPUs, e.g. all", "コンテナに GPU を割り当てる（例: all）"),
  opt(
    "--health-cmd",
    "command",
    "Command that checks whether the container is healthy",
    "コンテナが正常かどうかを調べるコマンド",
  ),
  opt("-h, --hostname", "name", "Host name seen inside the container", "コンテナ内でのホスト名を指定する"),
  bool(
    "--init",
    "Run a tiny init as PID 1 that forwards signals and reaps zombie processes",
    "PID 1 として小さな init を動かし、シグナル転送とゾンビプロセスの回収を任せる",
  ),
  bool(
    "-i, --interactive",
    "Keep standard input open so you can type into the container",
    "標準入力を開いたままにして、コンテナに入力できるようにする",
  ),
  opt("--ip", "address", "Fixed IPv4 address on the network", "ネットワーク上の固定 IPv4 アドレス"),
  opt(
    "-l, --label",
    "key=value",
    "Attach a label (metadata) to the container",
    "コンテナにラベル（メタデータ）を付ける",
  ),
  opt(
    "--log-driver",
    "driver",
    "Where the container's logs go (json-file, syslog, …)",
    "ログの出力先ドライバ（json-file、syslog など）",
  ),
  opt(
    "--log-opt",
    "key=value",
    "Option for the log driver, e.g. max-size=10m",
    "ログドライバのオプション（例: max-size=10m）",
  ),
  opt("-m, --memory", "bytes", "Cap the container's memory, e.g. 512m", "メモリ使用量の上限（例: 512m）"),
  opt(
    "--mount",
    "type=…,source=…,target=…",
    "Mount a volume, bind mount or tmpfs, spelled out as key=value pairs",
    "ボリューム・バインドマウント・tmpfs を key=value 形式で明示的にマウントする",
  ),
  opt(
    "--name",
    "name",
    "Give the container a name to use instead of its ID",
    "コンテナに名前を付け、ID の代わりにその名前で操作できるようにする",
  ),
  opt(
    "--network",
    "network",
    "Connect the container to this network (bridge, host, none or your own)",
    "接続するネットワーク（bridge・host・none・自作のもの）",
  ),
  opt(
    "--network-alias",
    "alias",
    "Extra name other containers on the network can use to reach it",
    "同じネットワークの他のコンテナから使える別名",
  ),
  opt("--pid", "mode", "PID namespace to use, e.g. host", "使う PID 名前空間（例: host）"),
  opt(
    "-p, --publish",
    "host:container",
    "Publish a container port on a host port (host:container)",
    "コンテナのポートをホストのポートに結び付けて公開する（ホスト:コンテナ）",
  ),
  bool(
    "-P, --publish-all",
    "Publish every exposed port on random host ports",
    "EXPOSE されたすべてのポートをホストのランダムなポートに公開する",
  ),
  platform,
  bool(
    "--privileged",
    "Give the container nearly full access to the host (avoid when you can)",
    "コンテナにホストへのほぼ全権限を与える（できれば避ける）",
  ),
  opt(
    "--pull",
    "always|missing|never",
    "When to pull the image before starting",
    "起動前にイメージを pull する条件",
  ),
  bool("-q, --quiet", "Do not print the image pull progress", "イメージ pull の進行状況を表示しない"),
  bool(
    "--read-only",
    "Mount the container's root file system read-only",
    "コンテナのルートファイルシステムを読み取り専用にする",
  ),
  opt(
    "--restart",
    "policy",
    "Restart policy: no, on-failure[:n], always or unless-stopped",
    "再起動ポリシー（no・on-failure[:回数]・always・unless-stopped）",
  ),
  bool("--rm", "Delete the container automatically when it exits", "コンテナが終了したら自動で削除する"),
  opt(
    "--security-opt",
    "option",
    "Security option such as seccomp or apparmor",
    "seccomp や apparmor などのセキュリティ設定",
  ),
  opt("--shm-size", "bytes", "Size of /dev/shm", "/dev/shm のサイズ"),
  opt("--stop-signal", "signal", "Signal used to stop the container", "コンテナを停止するときに送るシグナル"),
  opt(
    "--stop-timeout",
    "seconds",
    "Seconds to wait for a clean stop before killing",
    "強制終了する前に正常終了を待つ秒数",
  ),
  opt(
    "--tmpfs",
    "path",
    "Mount an in-memory tmpfs at this path",
    "指定パスにメモリ上の tmpfs をマウントする",
  ),
  bool(
    "-t, --tty",
    "Allocate a pseudo-terminal (use with -i for an interactive shell)",
    "疑似端末を割り当てる（対話シェルには -i と組み合わせる）",
  ),
  opt(
    "-u, --user",
    "user[:group]",
    "Run as this user or UID instead of the image's default",
    "イメージ既定のユーザーではなく指定したユーザー（UID）で実行する",
  ),
  opt("--ulimit", "name=limit", "Set a ulimit, e.g. nofile=1024", "ulimit を設定する（例: nofile=1024）"),
  opt(
    "-v, --volume",
    "source:target",
    "Mount a volume or host directory into the container (source:target)",
    "ボリュームやホストのディレクトリをコンテナにマウントする（元:先）",
  ),
  opt(
    "--volumes-from",
    "container",
    "Mount all volumes of another container",
    "別のコンテナのボリュームをすべてマウントする",
  ),
  opt("-w, --workdir", "dir", "Working directory inside the container", "コンテナ内の作業ディレクトリ"),
];

const containerCommands: CatalogCommand[] = [
  command("docker container", "Manage containers", "コンテナを管理するコマンド群"),
  command(
    "docker container run",
    "Create a container from an image and start it",
    "イメージからコンテナを作成して起動する",
    {
      aliases: ["docker run"],
      args: [imageArg, commandArg, commandArgs],
      flags: [
        bool(
          "-d, --detach",
          "Run in the background and print the container ID",
          "バックグラウンドで実行し、コンテナID を表示する",
        ),
        detachKeys,
        bool(
          "--sig-proxy",
          "Pass received signals on to the process (on by default)",
          "受け取ったシグナルをプロセスに転送する（既定で有効）",
        ),
        ...containerConfigFlags,
      ],
      flagsBeforeArgsOnly: true,
    },
  ),
  command(
    "docker container create",
    "Create a container without starting it",
    "コンテナを作成する（起動はしない）",
    {
      aliases: ["docker create"],
      args: [imageArg, commandArg, commandArgs],
      flags: containerConfigFlags,
      flagsBeforeArgsOnly: true,
    },
  ),
  command(
    "docker container start",
    "Start one or more stopped containers",
    "停止しているコンテナを起動する",
    {
      aliases: ["docker start"],
      args: [containersArg],
      flags: [
        bool(
          "-a, --attach",
          "Attach to the container's output and forward signals",
          "コンテナの出力に接続し、シグナルを転送する",
        ),
        bool("-i, --interactive", "Attach the container's standard input", "コンテナの標準入力に接続する"),
        detachKeys,
      ],
    },
  ),
  command("docker container stop", "Stop one or more running containers", "起動しているコンテナを停止する", {
    aliases: ["docker stop"],
    args: [containersArg],
    flags: [stopSignal, stopTimeout],
  }),
  command("docker container restart", "Restart one or more containers", "コンテナを再起動する", {
    aliases: ["docker restart"],
    args: [containersArg],
    flags: [stopSignal, stopTimeout],
  }),
  command("docker container rm", "Remove one or more containers", "コンテナを削除する", {
    aliases: ["docker container remove", "docker rm"],
    args: [containersArg],
    flags: [
      bool(
        "-f, --force",
        "Kill and remove a running container",
        "起動中のコンテナも強制的に停止して削除する",
      ),
      bool(
        "-l, --link",
        "Remove the named link instead of the container",
        "コンテナではなく指定したリンクを削除する",
      ),
      bool(
        "-v, --volumes",
        "Also remove the container's anonymous volumes",
        "コンテナの匿名ボリュームも削除する",
      ),
    ],
  }),
  command(
    "docker container ls",
    "List containers (only running ones unless -a)",
    "コンテナを一覧表示する（-a がなければ起動中のみ）",
    {
      aliases: ["docker container list", "docker container ps", "docker ps"],
      flags: [
        bool(
          "-a, --all",
          "Show all containers, including stopped ones",
          "停止中のものも含めてすべてのコンテナを表示する",
        ),
        listFilter,
        listFormat,
        opt(
          "-n, --last",
          "number",
          "Show the n most recently created containers",
          "最近作成された n 個のコンテナを表示する",
        ),
        bool(
          "-l, --latest",
          "Show only the most recently created container",
          "最後に作成されたコンテナだけを表示する",
        ),
        noTrunc,
        quietIds,
        bool(
          "-s, --size",
          "Also show the disk size of each container",
          "各コンテナのディスク使用量も表示する",
        ),
      ],
    },
  ),
  command(
    "docker container exec",
    "Run a command inside a running container",
    "起動中のコンテナの中でコマンドを実行する",
    {
      aliases: ["docker exec"],
      args: [
        containerArg,
        arg("COMMAND", "Program to run inside the container", "コンテナ内で実行するコマンド"),
        commandArgs,
      ],
      flags: [
        bool("-d, --detach", "Run the command in the background", "コマンドをバックグラウンドで実行する"),
        detachKeys,
        opt(
          "-e, --env",
          "KEY=value",
          "Set an environment variable for the command",
          "コマンドに渡す環境変数を設定する",
        ),
        opt(
          "--env-file",
          "file",
          "Load environment variables from a file",
          "ファイルから環境変数をまとめて読み込む",
        ),
        bool(
          "-i, --interactive",
          "Keep standard input open so you can type into the command",
          "標準入力を開いたままにして、コマンドに入力できるようにする",
        ),
        bool("--privileged", "Give the command extended privileges", "コマンドに拡張された権限を与える"),
        bool(
          "-t, --tty",
          "Allocate a pseudo-terminal (use with -i for a shell)",
          "疑似端末を割り当てる（シェルを使うなら -i と組み合わせる）",
        ),
        opt(
          "-u, --user",
          "user[:group]",
          "Run the command as this user or UID",
          "指定したユーザー（UID）でコマンドを実行する",
        ),
        opt(
          "-w, --workdir",
          "dir",
          "Working directory for the command",
          "コマンドを実行する作業ディレクトリ",
        ),
      ],
      flagsBeforeArgsOnly: true,
    },
  ),
  command("docker container logs", "Show what a container has printed", "コンテナの出力（ログ）を表示する", {
    aliases: ["docker logs"],
    args: [containerArg],
    flags: [
      bool(
        "--details",
        "Also show extra attributes given to the log driver",
        "ログドライバに渡された追加属性も表示する",
      ),
      bool("-f, --follow", "Keep streaming new log lines", "新しいログを流し続けて表示する"),
      opt(
        "--since",
        "time",
        "Only logs after this time, e.g. 10m or a timestamp",
        "指定時刻以降のログだけ（例: 10m、日時）",
      ),
      opt("-n, --tail", "lines", "Show only the last n lines", "末尾の n 行だけを表示する"),
      bool("-t, --timestamps", "Prefix each line with its timestamp", "各行にタイムスタンプを付ける"),
      opt("--until", "time", "Only logs before this time", "指定時刻より前のログだけ"),
    ],
  }),
  command(
    "docker container cp",
    "Copy files or folders between a container and the host",
    "コンテナとホストの間でファイルやディレクトリをコピーする",
    {
      aliases: ["docker cp"],
      args: [
        arg(
          "SRC_PATH",
          "Where to copy from: CONTAINER:path or a host path",
          "コピー元（コンテナ:パス またはホストのパス）",
        ),
        arg(
          "DEST_PATH",
          "Where to copy to: a host path or CONTAINER:path",
          "コピー先（ホストのパス または コンテナ:パス）",
        ),
      ],
      flags: [
        bool(
          "-a, --archive",
          "Keep the owner (uid/gid) of the copied files",
          "コピーするファイルの所有者（uid/gid）を保つ",
        ),
        bool(
          "-L, --follow-link",
          "Copy what a symbolic link points to",
          "シンボリックリンクの参照先をコピーする",
        ),
        bool("-q, --quiet", "Do not print progress while copying", "コピー中の進行状況を表示しない"),
      ],
    },
  ),
  command(
    "docker container inspect",
    "Show the full details of containers as JSON",
    "コンテナの詳細情報を JSON で表示する",
    {
      args: [containersArg],
      flags: [inspectFormat, bool("-s, --size", "Also show the file sizes", "ファイルサイズも表示する")],
    },
  ),
  command(
    "docker container attach",
    "Connect your terminal to a running container's main process",
    "起動中のコンテナのメインプロセスに端末を接続する",
    {
      aliases: ["docker attach"],
      args: [containerArg],
      flags: [
        detachKeys,
        bool("--no-stdin", "Do not connect standard input", "標準入力は接続しない"),
        bool(
          "--sig-proxy",
          "Pass received signals on to the process (on by default)",
          "受け取ったシグナルをプロセスに転送する（既定で有効）",
        ),
      ],
    },
  ),
  command(
    "docker container kill",
    "Kill running containers right away",
    "起動中のコンテナを即座に強制終了する",
    {
      aliases: ["docker kill"],
      args: [containersArg],
      flags: [
        opt("-s, --signal", "signal", "Signal to send (KILL by default)", "送るシグナル（既定は KILL）"),
      ],
    },
  ),
  command(
    "docker container pause",
    "Freeze all processes in containers",
    "コンテナ内の全プロセスを一時停止する",
    {
      aliases: ["docker pause"],
      args: [containersArg],
    },
  ),
  command("docker container unpause", "Resume paused containers", "一時停止したコンテナを再開する", {
    aliases: ["docker unpause"],
    args: [containersArg],
  }),
  command("docker container rename", "Give a container a new name", "コンテナの名前を変更する", {
    aliases: ["docker rename"],
    args: [containerArg, arg("NEW_NAME", "The new name", "新しい名前")],
  }),
  command(
    "docker container top",
    "List the processes running in a container",
    "コンテナ内で動いているプロセスを表示する",
    {
      aliases: ["docker top"],
      args: [
        containerArg,
        arg("PS_OPTIONS", "Options passed on to ps", "ps に渡すオプション", {
          optional: true,
          variadic: true,
        }),
      ],
      flagsBeforeArgsOnly: true,
    },
  ),
  command(
    "docker container stats",
    "Show live CPU, memory and I/O usage of containers",
    "コンテナの CPU・メモリ・I/O 使用量をリアルタイムに表示する",
    {
      aliases: ["docker stats"],
      args: [
        arg(
          "CONTAINER",
          "Containers to watch (all running ones if none)",
          "対象のコンテナ（省略時は起動中のすべて）",
          { optional: true, variadic: true },
        ),
      ],
      flags: [
        bool("-a, --all", "Include stopped containers", "停止中のコンテナも含める"),
        listFormat,
        bool("--no-stream", "Print one snapshot and exit", "一度だけ表示して終了する"),
        noTrunc,
      ],
    },
  ),
  command(
    "docker container port",
    "Show which host ports a container's ports are published on",
    "コンテナのポートがホストのどのポートに公開されているかを表示する",
    {
      aliases: ["docker port"],
      args: [
        containerArg,
        arg(
          "PRIVATE_PORT",
          "Container port to look up, e.g. 80/tcp",
          "調べたいコンテナ側のポート（例: 80/tcp）",
          { optional: true },
        ),
      ],
    },
  ),
  command(
    "docker container prune",
    "Remove all stopped containers",
    "停止しているコンテナをまとめて削除する",
    {
      flags: [pruneFilter, pruneForce],
    },
  ),
  command(
    "docker container commit",
    "Save a container's current state as a new image",
    "コンテナの現在の状態を新しいイメージとして保存する",
    {
      aliases: ["docker commit"],
      args: [
        containerArg,
        arg("REPOSITORY[:TAG]", "Name for the new image", "新しいイメージの名前", { optional: true }),
      ],
      flags: [
        opt("-a, --author", "name", "Author recorded in the image", "イメージに記録する作成者"),
        opt(
          "-c, --change",
          "instruction",
          "Apply a Dockerfile instruction such as CMD or ENV",
          "CMD や ENV などの Dockerfile 命令を適用する",
        ),
        opt("-m, --message", "text", "Commit message", "コミットメッセージ"),
        bool(
          "--no-pause",
          "Do not pause the container while committing",
          "コミット中もコンテナを一時停止しない",
        ),
        bool(
          "-p, --pause",
          "Pause the container while committing (already the default; use --no-pause to turn it off)",
          "コミット中はコンテナを一時停止する（既定の動作。止めないときは --no-pause）",
          { deprecated: true },
        ),
      ],
    },
  ),
  command(
    "docker container diff",
    "List files changed in a container since it was created",
    "コンテナ作成後に変更されたファイルを一覧表示する",
    { aliases: ["docker diff"], args: [containerArg] },
  ),
  command(
    "docker container export",
    "Write a container's file system to a tar archive",
    "コンテナのファイルシステムを tar アーカイブに書き出す",
    {
      aliases: ["docker export"],
      args: [containerArg],
      flags: [
        opt(
          "-o, --output",
          "file",
          "Write to this file instead of standard output",
          "標準出力ではなく指定ファイルに書き出す",
        ),
      ],
    },
  ),
  command(
    "docker container wait",
    "Wait until containers stop, then print their exit codes",
    "コンテナが停止するまで待ち、終了コードを表示する",
    {
      aliases: ["docker wait"],
      args: [containersArg],
    },
  ),
  command(
    "docker container update",
    "Change the resource limits or restart policy of containers",
    "コンテナのリソース制限や再起動ポリシーを変更する",
    {
      aliases: ["docker update"],
      args: [containersArg],
      flags: [
        opt("-c, --cpu-shares", "weight", "Relative CPU weight", "CPU の相対的な配分"),
        opt("--cpus", "number", "Number of CPUs the container may use", "使える CPU 数の上限"),
        opt("-m, --memory", "bytes", "Memory limit", "メモリ使用量の上限"),
        opt(
          "--memory-swap",
          "bytes",
          "Memory plus swap limit (-1 for unlimited swap)",
          "メモリとスワップの合計上限（-1 で無制限）",
        ),
        opt(
          "--pids-limit",
          "number",
          "Maximum number of processes (-1 for unlimited)",
          "プロセス数の上限（-1 で無制限）",
        ),
        opt("--restart", "policy", "New restart policy", "新しい再起動ポリシー"),
      ],
    },
  ),
];

// ---------------------------------------------------------------------------------------------------------
// docker image …
// ---------------------------------------------------------------------------------------------------------

const buildFlags: CatalogFlag[] = [
  opt(
    "--add-host",
    "host:ip",
    "Add a host-name-to-IP entry during the build",
    "ビルド中に使うホスト名と IP の対応を追加する",
  ),
  opt(
    "--build-arg",
    "NAME=value",
    "Set a value for an ARG declared in the Dockerfile",
    "Dockerfile の ARG に値を渡す",
  ),
  opt(
    "--cache-from",
    "image",
    "Use this image as a source of cached layers",
    "キャッシュとして使うイメージを指定する",
  ),
  opt(
    "-f, --file",
    "path",
    "Path of the Dockerfile (default: Dockerfile in the context)",
    "使う Dockerfile のパス（既定はコンテキスト内の Dockerfile）",
  ),
  opt("--iidfile", "file", "Write the new image ID to a file", "作成したイメージID をファイルに書き出す"),
  opt("--label", "key=value", "Add a label to the image", "イメージにラベルを付ける"),
  opt("--network", "mode", "Network used by RUN instructions", "RUN 命令の実行時に使うネットワーク"),
  bool(
    "--no-cache",
    "Build every step again without using the cache",
    "キャッシュを使わずに全ステップをビルドし直す",
  ),
  platform,
  bool("--pull", "Always pull a newer version of the base image", "ベースイメージの新しい版を必ず取得する"),
  bool("-q, --quiet", "Print only the image ID when done", "完了時にイメージID だけを表示する"),
  opt(
    "-t, --tag",
    "name:tag",
    "Name and tag the image, e.g. myapp:1.0 (repeatable)",
    "イメージに名前とタグを付ける（例: myapp:1.0、複数指定可）",
  ),
  opt(
    "--target",
    "stage",
    "Stop at this stage of a multi-stage Dockerfile",
    "マルチステージビルドで指定したステージまでをビルドする",
  ),
];

/** Flags of `docker buildx build` only: the legacy builder of `docker image build` has none of them. */
const buildxOnlyFlags: CatalogFlag[] = [
  opt(
    "-o, --output",
    "type=…,dest=…",
    "Where to put the result (BuildKit), e.g. type=local,dest=out",
    "ビルド結果の出力先（BuildKit、例: type=local,dest=out）",
  ),
  opt(
    "--progress",
    "auto|plain|tty",
    "How build progress is shown (BuildKit)",
    "ビルドの進行状況の表示方法（BuildKit）",
  ),
  opt(
    "--secret",
    "id=…,src=…",
    "Expose a secret file to the build without storing it (BuildKit)",
    "イメージに残さずに秘密情報をビルドへ渡す（BuildKit）",
  ),
  opt(
    "--ssh",
    "default|id=path",
    "Forward an SSH agent or key to the build (BuildKit)",
    "SSH エージェントや鍵をビルドに転送する（BuildKit）",
  ),
];

const buildContextArg = arg(
  "PATH | URL | -",
  "Build context: the folder (or Git URL) whose files the Dockerfile can COPY",
  "ビルドコンテキスト: Dockerfile から COPY できるファイルを含むディレクトリ（または Git URL）",
);

const imageCommands: CatalogCommand[] = [
  command("docker image", "Manage images", "イメージを管理するコマンド群"),
  command("docker image build", "Build an image from a Dockerfile", "Dockerfile からイメージをビルドする", {
    aliases: ["docker build", "docker builder build"],
    args: [buildContextArg],
    flags: buildFlags,
  }),
  command("docker image ls", "List the images on this machine", "ローカルにあるイメージを一覧表示する", {
    aliases: ["docker image list", "docker images"],
    args: [
      arg("REPOSITORY[:TAG]", "Only list images with this name", "この名前のイメージだけを表示する", {
        optional: true,
      }),
    ],
    flags: [
      bool("-a, --all", "Include intermediate images", "中間イメージも含めて表示する"),
      bool("--digests", "Show the digests", "ダイジェストも表示する"),
      listFilter,
      listFormat,
      noTrunc,
      quietIds,
    ],
  }),
  command("docker image pull", "Download an image from a registry", "レジストリからイメージを取得する", {
    aliases: ["docker pull"],
    args: [arg("NAME[:TAG|@DIGEST]", "Image to download", "取得するイメージ")],
    flags: [
      bool("-a, --all-tags", "Download every tag of the repository", "リポジトリのすべてのタグを取得する"),
      platform,
      bool("-q, --quiet", "Print less output", "出力を最小限にする"),
    ],
  }),
  command("docker image push", "Upload an image to a registry", "イメージをレジストリに送る", {
    aliases: ["docker push"],
    args: [arg("NAME[:TAG]", "Image to upload", "送信するイメージ")],
    flags: [
      bool("-a, --all-tags", "Upload every tag of the repository", "リポジトリのすべてのタグを送る"),
      platform,
      bool("-q, --quiet", "Print less output", "出力を最小限にする"),
    ],
  }),
  command("docker image rm", "Remove one or more images", "イメージを削除する", {
    aliases: ["docker image remove", "docker rmi"],
    args: [imagesArg],
    flags: [
      bool(
        "-f, --force",
        "Remove even if the image is in use or has several tags",
        "使用中や複数タグのイメージも強制的に削除する",
      ),
      bool("--no-prune", "Keep untagged parent images", "タグのない親イメージは残す"),
      platform,
    ],
  }),
  command("docker image tag", "Give an image another name or tag", "イメージに別の名前やタグを付ける", {
    aliases: ["docker tag"],
    args: [
      arg("SOURCE_IMAGE[:TAG]", "Existing image", "元のイメージ"),
      arg(
        "TARGET_IMAGE[:TAG]",
        "New name for it, e.g. registry/user/app:1.0",
        "付ける新しい名前（例: registry/user/app:1.0）",
      ),
    ],
  }),
  command(
    "docker image history",
    "Show the layers an image was built from",
    "イメージを構成するレイヤーの履歴を表示する",
    {
      aliases: ["docker history"],
      args: [imageArg],
      flags: [
        listFormat,
        bool(
          "-H, --human",
          "Show sizes and dates in a readable form (on by default)",
          "サイズや日付を読みやすい形式で表示する（既定で有効）",
        ),
        noTrunc,
        platform,
        quietIds,
      ],
    },
  ),
  command(
    "docker image inspect",
    "Show the full details of images as JSON",
    "イメージの詳細情報を JSON で表示する",
    {
      args: [imagesArg],
      flags: [inspectFormat, platform],
    },
  ),
  command("docker image prune", "Remove unused images", "使われていないイメージを削除する", {
    flags: [
      bool(
        "-a, --all",
        "Remove every image no container uses, not only untagged ones",
        "タグなしのものだけでなく、コンテナが使っていないイメージをすべて削除する",
      ),
      pruneFilter,
      pruneForce,
    ],
  }),
  command("docker image save", "Write images to a tar archive", "イメージを tar アーカイブに書き出す", {
    aliases: ["docker save"],
    args: [imagesArg],
    flags: [
      opt(
        "-o, --output",
        "file",
        "Write to this file instead of standard output",
        "標準出力ではなく指定ファイルに書き出す",
      ),
      platform,
    ],
  }),
  command("docker image load", "Load images from a tar archive", "tar アーカイブからイメージを読み込む", {
    aliases: ["docker load"],
    flags: [
      opt(
        "-i, --input",
        "file",
        "Read from this file instead of standard input",
        "標準入力ではなく指定ファイルから読み込む",
      ),
      platform,
      bool("-q, --quiet", "Print less output", "出力を最小限にする"),
    ],
  }),
  command(
    "docker image import",
    "Create an image from a file system tarball",
    "ファイルシステムの tar からイメージを作成する",
    {
      aliases: ["docker import"],
      args: [
        arg("FILE | URL | -", "Tarball to import", "取り込む tar ファイル"),
        arg("REPOSITORY[:TAG]", "Name for the new image", "新しいイメージの名前", { optional: true }),
      ],
      flags: [
        opt(
          "-c, --change",
          "instruction",
          "Apply a Dockerfile instruction such as CMD",
          "CMD などの Dockerfile 命令を適用する",
        ),
        opt("-m, --message", "text", "Commit message for the image", "イメージに記録するメッセージ"),
        platform,
      ],
    },
  ),
];

// ---------------------------------------------------------------------------------------------------------
// docker volume / network / system
// ---------------------------------------------------------------------------------------------------------

const volumesArg = arg("VOLUME", "One or more volume names", "ボリューム名（複数可）", { variadic: true });
const networkArg = arg("NETWORK", "Network name or ID", "ネットワーク名またはID");

const volumeCommands: CatalogCommand[] = [
  command(
    "docker volume",
    "Manage volumes (data that outlives containers)",
    "ボリューム（コンテナより長く残るデータ）を管理するコマンド群",
  ),
  command("docker volume create", "Create a volume", "ボリュームを作成する", {
    args: [
      arg(
        "VOLUME",
        "Name of the new volume (random if left out)",
        "作成するボリューム名（省略時はランダム）",
        { optional: true },
      ),
    ],
    flags: [
      opt("-d, --driver", "driver", "Volume driver (local by default)", "ボリュームドライバ（既定は local）"),
      opt("--label", "key=value", "Add a label to the volume", "ボリュームにラベルを付ける"),
      opt("-o, --opt", "key=value", "Option for the driver", "ドライバに渡すオプション"),
    ],
  }),
  command("docker volume ls", "List volumes", "ボリュームを一覧表示する", {
    aliases: ["docker volume list"],
    flags: [
      listFilter,
      listFormat,
      bool("-q, --quiet", "Print only the volume names", "ボリューム名だけを表示する"),
    ],
  }),
  command("docker volume rm", "Remove one or more volumes", "ボリュームを削除する", {
    aliases: ["docker volume remove"],
    args: [volumesArg],
    flags: [
      bool("-f, --force", "Remove even if Docker reports an error", "エラーがあっても強制的に削除する"),
    ],
  }),
  command(
    "docker volume inspect",
    "Show the details of volumes as JSON",
    "ボリュームの詳細情報を JSON で表示する",
    {
      args: [volumesArg],
      flags: [inspectFormat],
    },
  ),
  command(
    "docker volume prune",
    "Remove volumes no container uses",
    "どのコンテナも使っていないボリュームを削除する",
    {
      flags: [
        bool(
          "-a, --all",
          "Also remove unused named volumes, not only anonymous ones",
          "匿名ボリュームだけでなく未使用の名前付きボリュームも削除する",
        ),
        pruneFilter,
        pruneForce,
      ],
    },
  ),
];

const networkCommands: CatalogCommand[] = [
  command(
    "docker network",
    "Manage networks that containers talk over",
    "コンテナ同士が通信するネットワークを管理するコマンド群",
  ),
  command("docker network create", "Create a network", "ネットワークを作成する", {
    args: [networkArg],
    flags: [
      bool(
        "--attachable",
        "Let standalone containers join (overlay networks)",
        "単体のコンテナも接続できるようにする（overlay ネットワーク）",
      ),
      opt(
        "-d, --driver",
        "driver",
        "Network driver (bridge by default)",
        "ネットワークドライバ（既定は bridge）",
      ),
      opt("--gateway", "ip", "Gateway address of the subnet", "サブネットのゲートウェイアドレス"),
      bool("--internal", "Block traffic to the outside world", "外部との通信を遮断する"),
      opt(
        "--ip-range",
        "cidr",
        "Range from which container addresses are given",
        "コンテナに割り当てるアドレスの範囲",
      ),
      bool("--ipv6", "Enable IPv6", "IPv6 を有効にする"),
      opt("--label", "key=value", "Add a label to the network", "ネットワークにラベルを付ける"),
      opt("-o, --opt", "key=value", "Option for the driver", "ドライバに渡すオプション"),
      opt(
        "--subnet",
        "cidr",
        "Subnet of the network, e.g. 172.28.0.0/16",
        "ネットワークのサブネット（例: 172.28.0.0/16）",
      ),
    ],
  }),
  command("docker network ls", "List networks", "ネットワークを一覧表示する", {
    aliases: ["docker network list"],
    flags: [listFilter, listFormat, noTrunc, quietIds],
  }),
  command("docker network rm", "Remove one or more networks", "ネットワークを削除する", {
    aliases: ["docker network remove"],
    args: [
      arg("NETWORK", "One or more network names or IDs", "ネットワーク名またはID（複数可）", {
        variadic: true,
      }),
    ],
    flags: [
      bool(
        "-f, --force",
        "Do not fail if the network does not exist",
        "ネットワークが存在しなくてもエラーにしない",
      ),
    ],
  }),
  command(
    "docker network inspect",
    "Show the details of networks as JSON",
    "ネットワークの詳細情報を JSON で表示する",
    {
      args: [
        arg("NETWORK", "One or more network names or IDs", "ネットワーク名またはID（複数可）", {
          variadic: true,
        }),
      ],
      flags: [inspectFormat, bool("-v, --verbose", "Show more detail", "より詳しく表示する")],
    },
  ),
  command("docker network connect", "Connect a container to a network", "コンテナをネットワークに接続する", {
    args: [networkArg, containerArg],
    flags: [
      opt(
        "--alias",
        "name",
        "Extra name for the container on this network",
        "このネットワーク上でのコンテナの別名",
      ),
      opt("--ip", "address", "Fixed IPv4 address on this network", "このネットワーク上の固定 IPv4 アドレス"),
      opt("--ip6", "address", "Fixed IPv6 address on this network", "このネットワーク上の固定 IPv6 アドレス"),
    ],
  }),
  command(
    "docker network disconnect",
    "Disconnect a container from a network",
    "コンテナをネットワークから切断する",
    {
      args: [networkArg, containerArg],
      flags: [bool("-f, --force", "Force the disconnection", "強制的に切断する")],
    },
  ),
  command(
    "docker network prune",
    "Remove networks no container uses",
    "どのコンテナも使っていないネットワークを削除する",
    {
      flags: [pruneFilter, pruneForce],
    },
  ),
];

const systemCommands: CatalogCommand[] = [
  command(
    "docker system",
    "Manage Docker itself: disk use, events, clean-up",
    "Docker 自体を管理する（ディスク使用量・イベント・掃除）",
  ),
  command(
    "docker system prune",
    "Remove stopped containers, unused networks, dangling images and build cache",
    "停止中のコンテナ・未使用のネットワーク・タグなしイメージ・ビルドキャッシュをまとめて削除する",
    {
      flags: [
        bool(
          "-a, --all",
          "Remove all unused images, not only untagged ones",
          "タグなしだけでなく未使用のイメージをすべて削除する",
        ),
        pruneFilter,
        pruneForce,
        bool("--volumes", "Also remove unused anonymous volumes", "未使用の匿名ボリュームも削除する"),
      ],
    },
  ),
  command(
    "docker system df",
    "Show how much disk space Docker uses",
    "Docker が使っているディスク容量を表示する",
    {
      flags: [
        listFormat,
        bool("-v, --verbose", "Break the usage down per object", "オブジェクトごとの内訳を表示する"),
      ],
    },
  ),
  command("docker system info", "Show system-wide information about Docker", "Docker 全体の情報を表示する", {
    aliases: ["docker info"],
    flags: [inspectFormat],
  }),
  command(
    "docker system events",
    "Stream events from the Docker daemon as they happen",
    "Docker デーモンのイベントをリアルタイムに表示する",
    {
      aliases: ["docker events"],
      flags: [
        opt(
          "-f, --filter",
          "key=value",
          "Only show matching events, e.g. type=container",
          "条件に合うイベントだけを表示する（例: type=container）",
        ),
        listFormat,
        opt("--since", "time", "Show events from this time on", "指定時刻以降のイベントを表示する"),
        opt("--until", "time", "Stop at this time", "指定時刻までのイベントを表示する"),
      ],
    },
  ),
];

// ---------------------------------------------------------------------------------------------------------
// docker compose … (also spelled docker-compose …, the older stand-alone tool)
// ---------------------------------------------------------------------------------------------------------

const servicesArg = arg(
  "SERVICE",
  "Services of the Compose file (all if none)",
  "Compose ファイルのサービス（省略時はすべて）",
  {
    optional: true,
    variadic: true,
  },
);
const serviceArg = arg("SERVICE", "Service of the Compose file", "Compose ファイルのサービス");
const composeTimeout = opt(
  "-t, --timeout",
  "seconds",
  "Seconds to wait for containers to stop",
  "コンテナの停止を待つ秒数",
);

function compose(sub: string, en: string, ja: string, spec: CommandSpec = {}): CatalogCommand {
  return command(`docker compose ${sub}`, en, ja, {
    ...spec,
    aliases: [`docker-compose ${sub}`, ...(spec.aliases ?? [])],
  });
}

const composeCommands: CatalogCommand[] = [
  command(
    "docker compose",
    "Define and run multi-container applications from a compose.yaml file",
    "compose.yaml に定義した複数コンテナのアプリケーションを操作する",
    {
      aliases: ["docker-compose"],
      flags: [
        opt(
          "--env-file",
          "file",
          "File of variables used in the Compose file",
          "Compose ファイル内で使う変数のファイル",
        ),
        opt("-f, --file", "file", "Compose file to use (repeatable)", "使う Compose ファイル（複数指定可）"),
        opt(
          "-p, --project-name",
          "name",
          "Project name (default: the folder name)",
          "プロジェクト名（既定はディレクトリ名）",
        ),
        opt("--profile", "name", "Enable services of this profile", "このプロファイルのサービスを有効にする"),
        opt(
          "--project-directory",
          "dir",
          "Folder used as the project's working directory",
          "プロジェクトの作業ディレクトリ",
        ),
      ],
    },
  ),
  compose("up", "Create and start the services' containers", "サービスのコンテナを作成して起動する", {
    args: [servicesArg],
    flags: [
      bool(
        "--abort-on-container-exit",
        "Stop everything when any container exits",
        "どれかのコンテナが終了したら全体を停止する",
      ),
      bool("--build", "Build images before starting", "起動前にイメージをビルドする"),
      bool("-d, --detach", "Run in the background", "バックグラウンドで実行する"),
      opt(
        "--exit-code-from",
        "service",
        "Exit with this service's exit code",
        "このサービスの終了コードで終了する",
      ),
      bool(
        "--force-recreate",
        "Recreate containers even if nothing changed",
        "変更がなくてもコンテナを作り直す",
      ),
      bool("--no-build", "Do not build missing images", "足りないイメージがあってもビルドしない"),
      bool("--no-deps", "Do not start linked services", "依存するサービスは起動しない"),
      bool("--no-start", "Create the containers but do not start them", "コンテナを作成するだけで起動しない"),
      opt("--pull", "always|missing|never", "When to pull images", "イメージを pull する条件"),
      bool(
        "--remove-orphans",
        "Remove containers of services no longer in the file",
        "ファイルから消えたサービスのコンテナを削除する",
      ),
      bool(
        "-V, --renew-anon-volumes",
        "Recreate anonymous volumes instead of reusing them",
        "匿名ボリュームを再利用せずに作り直す",
      ),
      opt("--scale", "service=n", "Run n containers of a service", "サービスのコンテナ数を指定する"),
      composeTimeout,
      bool("--wait", "Wait until services are running or healthy", "サービスが起動・正常になるまで待つ"),
      bool(
        "-w, --watch",
        "Rebuild or refresh containers when files change",
        "ファイルの変更を監視してコンテナを更新する",
      ),
    ],
  }),
  compose("down", "Stop and remove the containers and networks", "コンテナとネットワークを停止して削除する", {
    flags: [
      bool(
        "--remove-orphans",
        "Also remove containers of services no longer in the file",
        "ファイルから消えたサービスのコンテナも削除する",
      ),
      opt(
        "--rmi",
        "all|local",
        "Also remove images used by the services",
        "サービスが使ったイメージも削除する",
      ),
      composeTimeout,
      bool("-v, --volumes", "Also remove named and anonymous volumes", "名前付き・匿名ボリュームも削除する"),
    ],
  }),
  compose("ps", "List the project's containers", "プロジェクトのコンテナを一覧表示する", {
    args: [servicesArg],
    flags: [
      bool("-a, --all", "Include stopped containers", "停止中のコンテナも含める"),
      opt(
        "--filter",
        "key=value",
        "Only list containers matching a condition",
        "条件に合うコンテナだけを表示する",
      ),
      listFormat,
      bool("-q, --quiet", "Print only the IDs", "ID だけを表示する"),
      bool("--services", "Print only the service names", "サービス名だけを表示する"),
      opt(
        "--status",
        "status",
        "Only containers in this state, e.g. running",
        "この状態のコンテナだけ（例: running）",
      ),
    ],
  }),
  compose("logs", "Show the services' output", "サービスの出力（ログ）を表示する", {
    args: [servicesArg],
    flags: [
      bool("-f, --follow", "Keep streaming new log lines", "新しいログを流し続けて表示する"),
      bool("--no-color", "Plain output without colours", "色を付けずに表示する"),
      bool("--no-log-prefix", "Do not prefix lines with the service name", "行頭にサービス名を付けない"),
      opt("--since", "time", "Only logs after this time", "指定時刻以降のログだけ"),
      opt(
        "-n, --tail",
        "lines",
        "Show only the last n lines per container",
        "各コンテナの末尾 n 行だけを表示する",
      ),
      bool("-t, --timestamps", "Prefix each line with its timestamp", "各行にタイムスタンプを付ける"),
      opt("--until", "time", "Only logs before this time", "指定時刻より前のログだけ"),
    ],
  }),
  compose("build", "Build or rebuild the services' images", "サービスのイメージをビルドする", {
    args: [servicesArg],
    flags: [
      opt("--build-arg", "NAME=value", "Set a build-time variable", "ビルド時の変数を設定する"),
      bool("--no-cache", "Do not use the cache", "キャッシュを使わない"),
      bool("--pull", "Always pull newer base images", "ベースイメージの新しい版を必ず取得する"),
      bool("--push", "Push the images after building", "ビルド後にイメージをプッシュする"),
      bool("-q, --quiet", "Print nothing while building", "ビルド中に何も表示しない"),
    ],
  }),
  compose(
    "exec",
    "Run a command in a running service container",
    "起動中のサービスのコンテナでコマンドを実行する",
    {
      args: [serviceArg, arg("COMMAND", "Program to run", "実行するコマンド"), commandArgs],
      flags: [
        bool("-d, --detach", "Run the command in the background", "コマンドをバックグラウンドで実行する"),
        opt("-e, --env", "KEY=value", "Set an environment variable", "環境変数を設定する"),
        opt(
          "--index",
          "n",
          "Which container of the service, when it has several",
          "サービスに複数コンテナがある場合の番号",
        ),
        bool("--privileged", "Give the command extended privileges", "コマンドに拡張された権限を与える"),
        bool(
          "-T, --no-tty",
          "Do not allocate a terminal (for scripts)",
          "疑似端末を割り当てない（スクリプト向け）",
        ),
        opt("-u, --user", "user", "Run as this user", "指定したユーザーで実行する"),
        opt("-w, --workdir", "dir", "Working directory for the command", "コマンドの作業ディレクトリ"),
      ],
      flagsBeforeArgsOnly: true,
    },
  ),
  compose(
    "run",
    "Run a one-off command in a new container of a service",
    "サービスの新しいコンテナで一度だけコマンドを実行する",
    {
      args: [serviceArg, commandArg, commandArgs],
      flags: [
        bool("--build", "Build the image first", "先にイメージをビルドする"),
        bool("-d, --detach", "Run in the background", "バックグラウンドで実行する"),
        opt("-e, --env", "KEY=value", "Set an environment variable", "環境変数を設定する"),
        opt(
          "--entrypoint",
          "command",
          "Replace the image's ENTRYPOINT",
          "イメージの ENTRYPOINT を置き換える",
        ),
        opt("--name", "name", "Name for the container", "コンテナの名前"),
        bool("--no-deps", "Do not start linked services", "依存するサービスは起動しない"),
        opt("-p, --publish", "host:container", "Publish a port on the host", "ポートをホストに公開する"),
        bool("--rm", "Remove the container when it exits", "終了したらコンテナを削除する"),
        bool(
          "-P, --service-ports",
          "Publish the ports declared for the service",
          "サービスに定義したポートを公開する",
        ),
        bool("-T, --no-tty", "Do not allocate a terminal", "疑似端末を割り当てない"),
        opt("-u, --user", "user", "Run as this user", "指定したユーザーで実行する"),
        opt("-v, --volume", "source:target", "Mount a volume", "ボリュームをマウントする"),
        opt("-w, --workdir", "dir", "Working directory inside the container", "コンテナ内の作業ディレクトリ"),
      ],
      flagsBeforeArgsOnly: true,
    },
  ),
  compose("pull", "Download the services' images", "サービスのイメージを取得する", {
    args: [servicesArg],
    flags: [
      bool(
        "--ignore-pull-failures",
        "Carry on when an image cannot be pulled",
        "取得に失敗したイメージがあっても続ける",
      ),
      bool("--include-deps", "Also pull images of dependencies", "依存するサービスのイメージも取得する"),
      bool("-q, --quiet", "Print no progress", "進行状況を表示しない"),
    ],
  }),
  compose("restart", "Restart the services' containers", "サービスのコンテナを再起動する", {
    args: [servicesArg],
    flags: [
      bool("--no-deps", "Do not restart dependencies", "依存するサービスは再起動しない"),
      composeTimeout,
    ],
  }),
  compose("stop", "Stop the services without removing them", "サービスを削除せずに停止する", {
    args: [servicesArg],
    flags: [composeTimeout],
  }),
  compose(
    "start",
    "Start existing, stopped service containers",
    "停止している既存のサービスのコンテナを起動する",
    {
      args: [servicesArg],
    },
  ),
  compose(
    "config",
    "Check the Compose file and print the merged result",
    "Compose ファイルを検証し、展開した結果を表示する",
    {
      args: [servicesArg],
      flags: [
        listFormat,
        bool("--no-interpolate", "Do not substitute variables", "変数を展開しない"),
        opt("-o, --output", "file", "Write to this file", "指定ファイルに書き出す"),
        bool("-q, --quiet", "Only check the file, print nothing", "検証だけして何も表示しない"),
        bool("--services", "Print the service names", "サービス名を表示する"),
        bool("--volumes", "Print the volume names", "ボリューム名を表示する"),
      ],
    },
  ),
  compose("rm", "Remove stopped service containers", "停止しているサービスのコンテナを削除する", {
    args: [servicesArg],
    flags: [
      bool("-f, --force", "Do not ask for confirmation", "確認せずに削除する"),
      bool("-s, --stop", "Stop the containers first if needed", "必要なら先にコンテナを停止する"),
      bool("-v, --volumes", "Also remove anonymous volumes", "匿名ボリュームも削除する"),
    ],
  }),
  compose("kill", "Kill the services' containers", "サービスのコンテナを強制終了する", {
    args: [servicesArg],
    flags: [
      bool(
        "--remove-orphans",
        "Also remove containers of services no longer in the file",
        "ファイルから消えたサービスのコンテナも削除する",
      ),
      opt("-s, --signal", "signal", "Signal to send (KILL by default)", "送るシグナル（既定は KILL）"),
    ],
  }),
  compose("ls", "List running Compose projects", "実行中の Compose プロジェクトを一覧表示する", {
    flags: [
      bool("-a, --all", "Include stopped projects", "停止中のプロジェクトも含める"),
      opt(
        "--filter",
        "key=value",
        "Only list projects matching a condition",
        "条件に合うプロジェクトだけを表示する",
      ),
      listFormat,
      bool("-q, --quiet", "Print only the project names", "プロジェクト名だけを表示する"),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------
// Swarm, build tooling, registry and the rest
// ---------------------------------------------------------------------------------------------------------

const swarmCommands: CatalogCommand[] = [
  command("docker swarm", "Manage a Swarm cluster", "Swarm クラスタを管理するコマンド群"),
  command(
    "docker swarm init",
    "Turn this machine into a Swarm manager",
    "このマシンを Swarm のマネージャにしてクラスタを作る",
    {
      flags: [
        opt(
          "--advertise-addr",
          "ip[:port]",
          "Address other nodes use to reach this one",
          "他のノードがこのノードに接続するためのアドレス",
        ),
        bool("--autolock", "Lock managers' keys after a restart", "再起動後にマネージャの鍵をロックする"),
        bool(
          "--force-new-cluster",
          "Start a new cluster from this node's state",
          "このノードの状態から新しいクラスタを作り直す",
        ),
        opt(
          "--listen-addr",
          "ip[:port]",
          "Address to listen on for cluster traffic",
          "クラスタ通信を待ち受けるアドレス",
        ),
      ],
    },
  ),
  command(
    "docker swarm join",
    "Join a Swarm as a worker or manager",
    "ワーカーまたはマネージャとして Swarm に参加する",
    {
      args: [arg("HOST:PORT", "Address of a manager", "マネージャのアドレス")],
      flags: [
        opt(
          "--advertise-addr",
          "ip[:port]",
          "Address other nodes use to reach this one",
          "他のノードがこのノードに接続するためのアドレス",
        ),
        opt(
          "--availability",
          "active|pause|drain",
          "Whether the node accepts tasks",
          "ノードがタスクを受け付けるかどうか",
        ),
        opt(
          "--listen-addr",
          "ip[:port]",
          "Address to listen on for cluster traffic",
          "クラスタ通信を待ち受けるアドレス",
        ),
        opt("--token", "token", "Join token printed by the manager", "マネージャが表示した参加用トークン"),
      ],
    },
  ),
  command(
    "docker swarm join-token",
    "Print the command and token to join the Swarm",
    "Swarm に参加するためのコマンドとトークンを表示する",
    {
      args: [arg("worker | manager", "Which role the token is for", "どの役割用のトークンか")],
      flags: [
        bool("-q, --quiet", "Print only the token", "トークンだけを表示する"),
        bool("--rotate", "Replace the token with a new one", "トークンを新しいものに取り替える"),
      ],
    },
  ),
  command("docker swarm leave", "Leave the Swarm", "Swarm から離脱する", {
    flags: [bool("-f, --force", "Leave even as the last manager", "最後のマネージャでも強制的に離脱する")],
  }),
  command("docker service", "Manage Swarm services", "Swarm のサービスを管理するコマンド群"),
  command(
    "docker service create",
    "Create a service that runs on the Swarm",
    "Swarm 上で動くサービスを作成する",
    {
      args: [imageArg, commandArg, commandArgs],
      flags: [
        opt(
          "--constraint",
          "expr",
          "Only place tasks on nodes matching this rule",
          "この条件に合うノードにだけタスクを配置する",
        ),
        bool(
          "-d, --detach",
          "Return at once instead of waiting for the service to converge",
          "サービスが安定するのを待たずにすぐ戻る",
        ),
        opt("-e, --env", "KEY=value", "Set an environment variable", "環境変数を設定する"),
        opt(
          "--mode",
          "replicated|global",
          "One copy per node (global) or a fixed count (replicated)",
          "ノードごとに1つ（global）か、指定数（replicated）か",
        ),
        opt("--mount", "spec", "Mount a volume or bind mount", "ボリュームやバインドマウントをマウントする"),
        opt("--name", "name", "Service name", "サービス名"),
        opt("--network", "network", "Network to attach to", "接続するネットワーク"),
        opt(
          "-p, --publish",
          "published:target",
          "Publish a port through the routing mesh",
          "ルーティングメッシュ経由でポートを公開する",
        ),
        opt("--replicas", "n", "Number of tasks to run", "実行するタスク数"),
      ],
      flagsBeforeArgsOnly: true,
    },
  ),
  command("docker service ls", "List Swarm services", "Swarm のサービスを一覧表示する", {
    aliases: ["docker service list"],
    flags: [listFilter, listFormat, quietIds],
  }),
  command("docker service scale", "Change how many replicas services run", "サービスのレプリカ数を変更する", {
    args: [
      arg("SERVICE=REPLICAS", "Service and its new replica count", "サービスと新しいレプリカ数", {
        variadic: true,
      }),
    ],
    flags: [bool("-d, --detach", "Return at once without waiting", "完了を待たずにすぐ戻る")],
  }),
  command("docker service rm", "Remove Swarm services", "Swarm のサービスを削除する", {
    aliases: ["docker service remove"],
    args: [arg("SERVICE", "One or more services", "サービス（複数可）", { variadic: true })],
  }),
  command(
    "docker stack",
    "Manage stacks (Compose files deployed to a Swarm)",
    "スタック（Swarm にデプロイした Compose ファイル）を管理するコマンド群",
  ),
  command(
    "docker stack deploy",
    "Deploy or update a stack from a Compose file",
    "Compose ファイルからスタックをデプロイ・更新する",
    {
      args: [arg("STACK", "Stack name", "スタック名")],
      flags: [
        opt(
          "-c, --compose-file",
          "file",
          "Compose file describing the stack",
          "スタックを定義した Compose ファイル",
        ),
        bool(
          "--prune",
          "Remove services that are no longer in the file",
          "ファイルから消えたサービスを削除する",
        ),
        bool(
          "--with-registry-auth",
          "Send registry credentials to the nodes",
          "レジストリの認証情報をノードに渡す",
        ),
      ],
    },
  ),
  command("docker stack ls", "List stacks", "スタックを一覧表示する", {
    aliases: ["docker stack list"],
    flags: [listFormat],
  }),
  command("docker stack ps", "List the tasks of a stack", "スタックのタスクを一覧表示する", {
    args: [arg("STACK", "Stack name", "スタック名")],
    flags: [listFilter, listFormat, noTrunc, quietIds],
  }),
  command("docker stack services", "List the services of a stack", "スタックのサービスを一覧表示する", {
    args: [arg("STACK", "Stack name", "スタック名")],
    flags: [listFilter, listFormat, quietIds],
  }),
  command("docker stack rm", "Remove stacks", "スタックを削除する", {
    aliases: ["docker stack remove", "docker stack down"],
    args: [arg("STACK", "One or more stacks", "スタック（複数可）", { variadic: true })],
  }),
  command("docker node", "Manage Swarm nodes", "Swarm のノードを管理するコマンド群"),
  command("docker node ls", "List the nodes of the Swarm", "Swarm のノードを一覧表示する", {
    aliases: ["docker node list"],
    flags: [listFilter, listFormat, quietIds],
  }),
];

const buildToolCommands: CatalogCommand[] = [
  command("docker builder", "Manage builds", "ビルドを管理するコマンド群"),
  command("docker builder prune", "Remove build cache", "ビルドキャッシュを削除する", {
    flags: [
      bool(
        "-a, --all",
        "Remove all build cache, not only unused parts",
        "未使用分だけでなくすべてのビルドキャッシュを削除する",
      ),
      pruneFilter,
      pruneForce,
    ],
  }),
  command(
    "docker buildx",
    "Build with BuildKit (multi-platform, cache export, …)",
    "BuildKit でビルドする（マルチプラットフォーム、キャッシュ出力など）",
  ),
  command("docker buildx build", "Build an image with BuildKit", "BuildKit でイメージをビルドする", {
    aliases: ["docker buildx b"],
    args: [buildContextArg],
    flags: [
      ...buildFlags,
      ...buildxOnlyFlags,
      opt("--builder", "name", "Builder instance to use", "使うビルダーインスタンス"),
      opt("--cache-to", "type=…", "Where to export the build cache", "ビルドキャッシュの書き出し先"),
      bool("--load", "Load the result into the local image store", "結果をローカルのイメージ一覧に読み込む"),
      bool("--push", "Push the result to the registry", "結果をレジストリにプッシュする"),
    ],
  }),
  command("docker buildx ls", "List builder instances", "ビルダーインスタンスを一覧表示する", {
    flags: [listFormat],
  }),
  command("docker buildx create", "Create a new builder instance", "新しいビルダーインスタンスを作成する", {
    args: [arg("CONTEXT | ENDPOINT", "Where the builder runs", "ビルダーを動かす場所", { optional: true })],
    flags: [
      bool("--bootstrap", "Start the builder right away", "すぐにビルダーを起動する"),
      opt("--driver", "driver", "Driver, e.g. docker-container", "ドライバ（例: docker-container）"),
      opt("--name", "name", "Name of the builder", "ビルダーの名前"),
      bool("--use", "Make it the current builder", "作成したビルダーを既定にする"),
    ],
  }),
  command("docker buildx use", "Switch to another builder instance", "使うビルダーインスタンスを切り替える", {
    args: [arg("NAME", "Builder name", "ビルダー名")],
  }),
  command(
    "docker context",
    "Manage contexts (which Docker engine the CLI talks to)",
    "コンテキスト（CLI が操作する Docker エンジン）を管理するコマンド群",
  ),
  command("docker context ls", "List contexts", "コンテキストを一覧表示する", {
    aliases: ["docker context list"],
    flags: [listFormat, bool("-q, --quiet", "Print only the context names", "コンテキスト名だけを表示する")],
  }),
  command("docker context use", "Switch the CLI to another context", "CLI が使うコンテキストを切り替える", {
    args: [arg("CONTEXT", "Context name", "コンテキスト名")],
  }),
];

const otherCommands: CatalogCommand[] = [
  command("docker login", "Sign in to a registry", "レジストリにログインする", {
    args: [
      arg("SERVER", "Registry address (Docker Hub if none)", "レジストリのアドレス（省略時は Docker Hub）", {
        optional: true,
      }),
    ],
    flags: [
      opt(
        "-p, --password",
        "password",
        "Password or token (prefer --password-stdin)",
        "パスワードまたはトークン（--password-stdin の方が安全）",
      ),
      bool("--password-stdin", "Read the password from standard input", "パスワードを標準入力から読み込む"),
      opt("-u, --username", "name", "User name", "ユーザー名"),
    ],
  }),
  command("docker logout", "Sign out of a registry", "レジストリからログアウトする", {
    args: [
      arg("SERVER", "Registry address (Docker Hub if none)", "レジストリのアドレス（省略時は Docker Hub）", {
        optional: true,
      }),
    ],
  }),
  command("docker search", "Search Docker Hub for images", "Docker Hub でイメージを検索する", {
    args: [arg("TERM", "Words to search for", "検索する語")],
    flags: [
      opt(
        "-f, --filter",
        "key=value",
        "Only show results matching a condition, e.g. is-official=true",
        "条件に合う結果だけを表示する（例: is-official=true）",
      ),
      listFormat,
      opt("--limit", "n", "Maximum number of results", "表示する結果の最大数"),
      noTrunc,
    ],
  }),
  command(
    "docker version",
    "Show the versions of the Docker client and server",
    "Docker クライアントとサーバのバージョンを表示する",
    {
      flags: [inspectFormat],
    },
  ),
  command(
    "docker inspect",
    "Show the full details of any Docker object as JSON",
    "任意の Docker オブジェクトの詳細情報を JSON で表示する",
    {
      args: [arg("NAME | ID", "One or more objects", "対象のオブジェクト（複数可）", { variadic: true })],
      flags: [
        inspectFormat,
        bool("-s, --size", "Show file sizes for containers", "コンテナのファイルサイズを表示する"),
        opt(
          "--type",
          "type",
          "Only look for this kind of object, e.g. container",
          "この種類のオブジェクトだけを探す（例: container）",
        ),
      ],
    },
  ),
];

/** The docker CLI tree, management-command spellings first, legacy short forms as aliases. */
export const dockerCommands: CatalogCommand[] = [
  ...containerCommands,
  ...imageCommands,
  ...volumeCommands,
  ...networkCommands,
  ...systemCommands,
  ...composeCommands,
  ...swarmCommands,
  ...buildToolCommands,
  ...otherCommands,
];

/** Options of `docker` itself; they stand between `docker` and the subcommand (`docker --context prod ps`). */
export const dockerGlobalFlags: CatalogFlag[] = [
  opt("--config", "dir", "Folder of the client configuration", "クライアント設定のディレクトリ"),
  opt(
    "-c, --context",
    "name",
    "Context (Docker engine) to talk to",
    "操作するコンテキスト（Docker エンジン）",
  ),
  bool("-D, --debug", "Print debug output", "デバッグ出力を表示する"),
  opt("-H, --host", "address", "Daemon socket to connect to", "接続するデーモンのソケット"),
  opt(
    "-l, --log-level",
    "level",
    "Logging level: debug, info, warn, error, fatal",
    "ログレベル（debug・info・warn・error・fatal）",
  ),
  bool("--tls", "Use TLS", "TLS を使う"),
  bool("--tlsverify", "Use TLS and verify the server", "TLS を使い、サーバを検証する"),
  bool("-v, --version", "Print the client version and exit", "クライアントのバージョンを表示して終了する"),
  help,
];
