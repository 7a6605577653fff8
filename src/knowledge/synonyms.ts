import { englishSkeletons, katakanaSkeleton } from "./ranking/transliterate.js";
import { inflectionStem, katakanaForm, stem } from "./segment.js";
import { VOCABULARY_EN_JA } from "./vocabulary-en-ja.js";

/**
 * English words a learner types, and the Japanese words Japanese technical notes use for them. This is
 * how "how do I copy a file out of a container" reaches a section written in Japanese. General IT and
 * container vocabulary only: nothing here is about one particular note.
 */
const EN_JA: Record<string, string[]> = {
  container: ["コンテナ"],
  containers: ["コンテナ"],
  image: ["イメージ"],
  images: ["イメージ"],
  build: ["ビルド", "構築"],
  change: ["変更"],
  standard: ["標準"],
  configure: ["設定"],
  edit: ["編集", "変更"],
  building: ["ビルド", "構築"],
  run: ["実行", "起動"],
  running: ["実行", "起動"],
  execute: ["実行"],
  apply: ["適用"],
  connect: ["接続"],
  variable: ["変数"],
  variables: ["変数"],
  specific: ["特定"],
  layer: ["レイヤー"],
  layers: ["レイヤー"],
  limit: ["上限", "制限"],
  request: ["要求", "リクエスト"],
  policy: ["ポリシー"],
  automatic: ["自動"],
  automatically: ["自動"],
  read: ["読み取り", "読み込み"],
  readonly: ["読み取り専用"],
  detect: ["検知", "検出"],
  failure: ["失敗"],
  failed: ["失敗"],
  retry: ["リトライ", "再試行"],
  communicate: ["通信"],
  communication: ["通信"],
  choose: ["選択"],
  number: ["番号"],
  range: ["範囲"],
  size: ["サイズ"],
  memory: ["メモリ"],
  storage: ["ストレージ"],
  secret: ["シークレット"],
  label: ["ラベル"],
  selector: ["セレクター", "セレクタ"],
  include: ["含む", "含め"],
  display: ["表示"],
  setting: ["設定"],
  status: ["状態", "ステータス"],
  start: ["起動", "開始"],
  launch: ["起動"],
  stop: ["停止", "終了"],
  // The asker's own computer is, to a container, its host (copy a file to my laptop: to the host).
  laptop: ["ホスト", "ローカル"],
  restart: ["再起動"],
  remove: ["削除", "破棄"],
  delete: ["削除", "破棄"],
  destroy: ["破棄"],
  discard: ["破棄"],
  throw: ["破棄"],
  clean: ["破棄", "削除"],
  cleanup: ["破棄", "削除"],
  unused: ["使用", "利用"],
  prune: ["破棄", "一括"],
  copy: ["コピー", "受け渡し"],
  file: ["ファイル"],
  files: ["ファイル"],
  directory: ["ディレクトリ"],
  folder: ["ディレクトリ"],
  port: ["ポート"],
  ports: ["ポート"],
  forward: ["フォワーディング"],
  forwarding: ["ポートフォワーディング"],
  publish: ["公開"],
  expose: ["公開"],
  external: ["外部"],
  outside: ["外部"],
  internal: ["内部"],
  inside: ["内部"],
  name: ["名前"],
  named: ["名前付き"],
  option: ["オプション"],
  options: ["オプション"],
  flag: ["オプション"],
  flags: ["オプション"],
  command: ["コマンド"],
  commands: ["コマンド"],
  background: ["バックグラウンド"],
  detached: ["バックグラウンド"],
  foreground: ["フォアグラウンド"],
  terminal: ["端末"],
  tty: ["擬似", "端末"],
  pseudo: ["擬似"],
  input: ["入力"],
  stdin: ["標準入力"],
  output: ["出力"],
  stdout: ["標準出力"],
  share: ["共有"],
  sharing: ["共有"],
  volume: ["ボリューム"],
  mount: ["マウント", "共有"],
  host: ["ホスト"],
  network: ["ネットワーク"],
  resource: ["リソース"],
  resources: ["リソース"],
  cluster: ["クラスタ"],
  clusters: ["クラスタ"],
  node: ["ノード"],
  nodes: ["ノード"],
  service: ["サービス"],
  services: ["サービス"],
  server: ["サーバ"],
  servers: ["サーバ"],
  deploy: ["デプロイ"],
  deployment: ["デプロイ"],
  deploying: ["デプロイ"],
  application: ["アプリケーション"],
  app: ["アプリケーション"],
  environment: ["環境"],
  setup: ["環境構築", "構築"],
  install: ["インストール"],
  virtualization: ["仮想化"],
  virtual: ["仮想"],
  technology: ["技術"],
  benefit: ["利点", "意義"],
  benefits: ["利点", "意義"],
  advantage: ["利点"],
  advantages: ["利点"],
  why: ["意義"],
  purpose: ["意義"],
  tutorial: ["チュートリアル"],
  example: ["例"],
  history: ["リビジョン", "履歴"],
  revision: ["リビジョン"],
  revisions: ["リビジョン"],
  rollback: ["ロールバック"],
  roll: ["ロールバック"],
  undo: ["ロールバック"],
  update: ["更新", "アップデート"],
  rolling: ["ローリングアップデート"],
  scale: ["スケーリング"],
  scaling: ["スケーリング"],
  replica: ["レプリカ"],
  replicas: ["レプリカ", "pod数"],
  manage: ["管理"],
  management: ["管理"],
  monitor: ["監視"],
  monitoring: ["監視"],
  health: ["死活監視"],
  load: ["負荷"],
  balancing: ["分散", "ロードバランサー"],
  balancer: ["ロードバランサー"],
  orchestration: ["オーケストレーション"],
  // Output shown as it comes: kubectl logs -f "should be streamed", docker logs -f "Follow log output".
  follow: ["リアルタイム", "追従"],
  stream: ["リアルタイム", "ストリーム"],
  live: ["リアルタイム"],
  realtime: ["リアルタイム"],
  log: ["ログ", "標準出力"],
  logs: ["ログ", "標準出力"],
  shell: ["シェル"],
  login: ["侵入"],
  enter: ["侵入"],
  exec: ["実行"],
  proxy: ["プロキシ"],
  token: ["トークン"],
  dashboard: ["ダッシュボード"],
  namespace: ["名前空間"],
  namespaces: ["名前空間"],
  component: ["コンポーネント"],
  components: ["コンポーネント"],
  manifest: ["マニフェスト"],
  definition: ["定義"],
  define: ["定義"],
  configuration: ["構成", "設定"],
  config: ["構成", "設定"],
  store: ["ストア"],
  backing: ["バッキングストア"],
  scheduler: ["スケジューラ"],
  select: ["選択"],
  controller: ["コントローラ"],
  address: ["アドレス"],
  ip: ["ip", "アドレス"],
  domain: ["ドメイン"],
  requests: ["リクエスト"],
  routing: ["ルーティング"],
  path: ["パス"],
  reproducible: ["再現"],
  reproducibility: ["再現"],
  portability: ["ポータビリティ"],
  idempotent: ["冪等"],
  idempotency: ["冪等"],
  immutable: ["immutable"],
  infrastructure: ["インフラ", "infrastructure"],
  code: ["コード"],
  tag: ["タグ"],
  version: ["バージョン", "タグ"],
  base: ["ベース"],
  instruction: ["命令"],
  difference: ["違い"],
  compare: ["違い", "比較"],
  multiple: ["複数"],
  several: ["複数"],
  group: ["グループ", "集合"],
  unit: ["単位"],
  smallest: ["単位"],
  map: ["結び", "結びつける", "紐付け"],
  bind: ["結び", "結びつける"],
  link: ["結び", "結びつける"],
  pick: ["選択"],
  choice: ["選択"],
  best: ["最適"],
  optimal: ["最適"],
  list: ["一覧", "取得"],
  show: ["表示", "確認"],
  check: ["確認"],
  see: ["確認"],
  view: ["確認", "表示"],
  get: ["取得"],
  fetch: ["取得"],
  record: ["記録"],
  isolate: ["隔離"],
  isolation: ["隔離"],
  startup: ["起動"],
  order: ["順"],
  reach: ["アクセス"],
  access: ["アクセス"],
  hostname: ["ホスト"],
  alias: ["ドメイン"],
  dependency: ["依存"],
  dependencies: ["依存"],
  earlier: ["以前"],
  previous: ["以前"],
  tool: ["ツール"],
  merit: ["利点", "意義"],
  merits: ["利点", "意義"],
  many: ["複数"],
  open: ["アクセス"],
  browser: ["アクセス"],
};

/**
 * Everyday Japanese verbs and words a learner types, and the technical words notes use for the same
 * thing (消す → 削除 / 破棄). General vocabulary only.
 */
const JA_JA: Record<string, string[]> = {
  手元: ["ホスト", "ローカル"],
  消す: ["削除", "破棄"],
  消し: ["削除", "破棄"],
  消: ["削除", "破棄"],
  捨てる: ["破棄"],
  止める: ["停止", "終了"],
  終わる: ["終了"],
  終わっ: ["終了"],
  止め: ["停止", "終了"],
  止まっ: ["停止", "終了"],
  止: ["停止", "終了"],
  動かす: ["起動", "実行"],
  動かし: ["起動", "実行"],
  動い: ["起動", "実行"],
  動: ["起動", "実行"],
  立て: ["起動", "作成"],
  立てる: ["起動", "作成"],
  立ち上げ: ["起動", "立ち上げ"],
  作る: ["作成", "構築"],
  作り: ["作成", "構築"],
  作り方: ["作成", "構築"],
  戻す: ["ロールバック"],
  戻し: ["ロールバック"],
  取り出し: ["コピー", "受け渡し"],
  取り出す: ["コピー", "受け渡し"],
  持ってくる: ["コピー"],
  渡す: ["受け渡し"],
  付ける: ["付き", "つける"],
  つけ: ["付き", "つける"],
  決め: ["設定"],
  使う: ["利用", "使用"],
  使い: ["利用", "使用"],
  見る: ["確認"],
  見: ["確認"],
  調べる: ["確認"],
  入る: ["侵入"],
  入り: ["侵入"],
  ログイン: ["侵入", "トークン"],
  外: ["外部"],
  外す: ["分離", "除外"],
  外し: ["分離", "除外"],
  残す: ["保持"],
  残し: ["保持"],
  中: ["内部"],
  増やす: ["スケーリング", "複数"],
  減らす: ["スケーリング", "削減"],
  掃除: ["破棄", "削除", "一括"],
  片付け: ["破棄", "削除"],
  片付ける: ["破棄", "削除"],
  丸ごと: ["一括", "全て"],
  まとめて: ["一括"],
  まとめ: ["一括", "まとめる"],
  全部: ["全て", "一括"],
  一覧: ["取得", "確認"],
  仕組み: ["技術"],
  メリット: ["利点", "意義"],
  うれしい: ["利点"],
  嬉しい: ["利点"],
  良い: ["利点"],
  台: ["複数"],
  何台: ["複数"],
  叩き: ["実行"],
  叩く: ["実行"],
  取る: ["取得"],
  取り: ["取得"],
  戻: ["ロールバック"],
  前: ["以前"],
  バージョン: ["リビジョン"],
};

const BY_STEM = new Map<string, string[]>();
for (const [word, ja] of Object.entries(EN_JA))
  BY_STEM.set(stem(word), [...(BY_STEM.get(stem(word)) ?? []), ...ja]);

/** The table's Japanese verbs by the stem they keep in every inflection (減らす, 減らし → 減~). */
const JA_BY_INFLECTION = new Map<string, string[]>();
for (const [verb, words] of Object.entries(JA_JA)) {
  const key = inflectionStem(verb);
  if (key) JA_BY_INFLECTION.set(key, [...new Set([...(JA_BY_INFLECTION.get(key) ?? []), ...words])]);
}

/** The notes' words for a query word: Japanese for English words (stemmed or not), technical for everyday Japanese. */
export function japaneseFor(word: string): string[] {
  // The word's own entry first: "roll" is ロールバック, not also "rolling"'s ローリングアップデート.
  const own = Object.hasOwn(EN_JA, word) ? EN_JA[word] : undefined;
  // Only with two kana or more after the kanji: 立ち (立つ, stand) and 立て (立てる, set up) share 立~.
  const inflected =
    Object.hasOwn(JA_JA, word) || !/\p{Script=Hiragana}{2}$/u.test(word)
      ? []
      : (JA_BY_INFLECTION.get(inflectionStem(word) ?? "") ?? []);
  return [...new Set([...(own ?? BY_STEM.get(stem(word)) ?? []), ...(JA_JA[word] ?? []), ...inflected])];
}

/**
 * The notes' words for a verb the segmenter cut after its kanji (増|や|したい): the table's verbs that
 * begin with that kanji and the kana after it (増や → 増やす).
 */
export function japaneseForCutVerb(kanji: string, kana: string): string[] {
  return JA_BY_START.get(kanji + kana.slice(0, 1)) ?? [];
}

/** The table's verbs by their kanji and first kana (増や of 増やす, 外し of 外し), for japaneseForCutVerb. */
const JA_BY_START = new Map<string, string[]>();
for (const [verb, words] of Object.entries(JA_JA)) {
  const start = /^\p{Script=Han}\p{Script=Hiragana}/u.exec(verb)?.[0];
  if (start) JA_BY_START.set(start, [...new Set([...(JA_BY_START.get(start) ?? []), ...words])]);
}

const BY_JAPANESE = new Map<string, string[]>();
for (const [word, jas] of Object.entries(EN_JA))
  for (const ja of jas) BY_JAPANESE.set(ja, [...new Set([...(BY_JAPANESE.get(ja) ?? []), stem(word)])]);

/** The English words for a Japanese word of the table above, so a Japanese question meets English notes. */
export function englishFor(word: string): string[] {
  return BY_JAPANESE.get(word) ?? [];
}

/**
 * English words learners use for the same action or thing, in groups (general IT vocabulary, and the
 * abbreviations typed for it): "show CPU usage" meets "display resource consumption", "open a shell" meets
 * "start a bash session", k8s meets Kubernetes.
 */
const EN_GROUPS: string[][] = [
  ["show", "display", "list", "print", "view", "see", "get"],
  ["delete", "remove", "erase", "destroy"],
  ["start", "run", "launch", "boot"],
  ["stop", "halt", "terminate"],
  ["create", "make", "new", "add", "generate"],
  ["usage", "consumption", "utilization"],
  ["shell", "bash", "terminal", "console"],
  ["open", "enter", "access"],
  ["copy", "transfer"],
  ["change", "modify", "edit", "update"],
  ["find", "search", "look"],
  ["download", "fetch", "pull"],
  ["upload", "push", "publish"],
  ["container", "containers"],
  ["folder", "directory"],
  ["log", "logs", "output"],
  ["cleanup", "clean", "prune"],
  ["rename", "name"],
  ["address", "ip"],
  ["port", "ports"],
  ["restart", "reboot"],
  ["version", "release", "tag"],
  ["config", "configuration", "setting", "settings"],
  ["info", "information", "detail", "details", "inspect"],
  ["background", "detach", "detached"],
  ["compare", "diff"],
  ["upgrade", "bump"],
  // The asker's own machine, as the docs call it.
  ["local", "laptop", "localhost", "pc", "workstation"],
  // Abbreviations people type for the full word.
  ["k8s", "kubernetes"],
  ["repo", "repository"],
  ["db", "database"],
  ["env", "environment"],
  ["auth", "authentication"],
  ["postgres", "postgresql"],
  ["prod", "production"],
  ["dev", "development"],
  ["stg", "staging"],
  ["app", "application"],
  ["doc", "docs", "documentation"],
  ["dir", "directory"],
  ["admin", "administrator"],
  ["pkg", "package"],
  ["dep", "deps", "dependency"],
  ["perf", "performance"],
  ["msg", "message"],
  ["img", "image"],
  ["tmp", "temp", "temporary"],
  ["max", "maximum"],
  // Not min (minute as often as minimum) nor var (/var/log as often as a variable).
  ["cert", "certificate"],
  ["cred", "creds", "credential"],
  ["passwd", "password"],
  ["arg", "argument"],
  ["param", "parameter"],
  ["infra", "infrastructure"],
  ["lib", "library"],
  ["stats", "statistics"],
  ["mb", "megabyte"],
  ["gb", "gigabyte"],
];

const EN_EN = new Map<string, string[]>();
for (const group of EN_GROUPS) {
  const stems = group.map(stem);
  for (const s of stems)
    EN_EN.set(s, [...new Set([...(EN_EN.get(s) ?? []), ...stems.filter((o) => o !== s)])]);
}

/** Other English words for the same thing (stemmed), for English notes. */
export function englishSynonyms(word: string): string[] {
  return EN_EN.get(stem(word)) ?? [];
}

const VOCABULARY_BY_STEM = new Map<string, string>();
for (const [word, ja] of Object.entries(VOCABULARY_EN_JA))
  if (ja[0] && !VOCABULARY_BY_STEM.has(stem(word))) VOCABULARY_BY_STEM.set(stem(word), ja[0]);

/**
 * The usual Japanese word for an English word of the general vocabulary table (reproduce → 再現), by the
 * word or its stem: a looser equivalent than japaneseFor's, for words no other reading finds.
 */
export function vocabularyJapanese(word: string): string | null {
  return VOCABULARY_EN_JA[word]?.[0] ?? VOCABULARY_BY_STEM.get(word) ?? null;
}

const VOCABULARY_ALL_BY_STEM = new Map<string, readonly string[]>();
for (const [word, ja] of Object.entries(VOCABULARY_EN_JA))
  VOCABULARY_ALL_BY_STEM.set(stem(word), [...(VOCABULARY_ALL_BY_STEM.get(stem(word)) ?? []), ...ja]);

/**
 * For an English word and a katakana word already matched by sound (SkeletonIndex), whether the katakana
 * word may be the English word's loanword: not when the tables give the English word another loanword that
 * sounds like it too (field is フィールド, not フォルダ; fail is フェイル, not ファイル). A table's loanword that does not sound like the word (back's バッキングストア, by
 * the stem of "backing") says nothing either way.
 */
export function soundsLikeLoanword(english: string, katakana: string): boolean {
  const heard = englishSkeletons(english);
  const k = katakanaForm(katakana);
  // The word may come stemmed (releas of "released"): the table's entry is under the word or the word plus e.
  const table =
    VOCABULARY_ALL_BY_STEM.get(stem(english)) ?? VOCABULARY_ALL_BY_STEM.get(stem(`${english}e`)) ?? [];
  const rivals = [...japaneseFor(english), ...table].filter((ja) =>
    heard.includes(katakanaSkeleton(ja) ?? ""),
  );
  return rivals.length === 0 || rivals.some((ja) => katakanaForm(ja) === k);
}

const VOCABULARY_BY_JAPANESE = new Map<string, string[]>();
for (const [word, jas] of Object.entries(VOCABULARY_EN_JA))
  for (const ja of jas) VOCABULARY_BY_JAPANESE.set(ja, [...(VOCABULARY_BY_JAPANESE.get(ja) ?? []), word]);

/** The English words of the general vocabulary table that a Japanese word translates (行 → row, line). */
export function vocabularyEnglish(word: string): readonly string[] {
  return VOCABULARY_BY_JAPANESE.get(word) ?? [];
}
