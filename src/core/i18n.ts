/** The bot's own words, in the two languages it speaks. Answers themselves use the notes' words. */
export type Locale = "en" | "ja";

const MESSAGES = {
  notInNotes: { en: "Not in your notes", ja: "ノートにはありません" },
  notInNotesBody: {
    en: "Your notes do not cover {query}. I would rather say so than answer from the wrong place.",
    ja: "{query} についてはノートに書かれていません。間違った箇所から答えるより、そうお伝えします。",
  },
  didYouMean: { en: "Did you mean: {list}", ja: "もしかして: {list}" },
  fromReference: {
    en: "From the command reference (not your notes): {text}",
    ja: "コマンドリファレンスより (ノート外): {text}",
  },
  examplesInNotes: { en: "In your notes", ja: "ノートでの例" },
  breakdown: { en: "Piece by piece", ja: "要素ごとの説明" },
  fromNotes: { en: "notes", ja: "ノート" },
  fromCatalog: { en: "reference", ja: "リファレンス" },
  legend: {
    en: "📒 = from your notes · 📖 = from the command reference",
    ja: "📒 = ノートより · 📖 = コマンドリファレンスより",
  },
  unknownFlag: { en: "not a flag of `{command}` that I know", ja: "`{command}` のフラグとしては不明です" },
  argument: { en: "argument", ja: "引数" },
  placeholder: { en: "placeholder: put your own value here", ja: "プレースホルダー: 自分の値に置き換えます" },
  youTyped: {
    en: "You typed `{typed}`: the flag is `{correction}`.",
    ja: "`{typed}` と入力されましたが、正しいフラグは `{correction}` です。",
  },
  erratumIntro: {
    en: "A note on your notes (line {line}): {text}",
    ja: "ノートの記述について ({line} 行目): {text}",
  },
  typoFixed: { en: "Read `{typed}` as `{corrected}`.", ja: "`{typed}` を `{corrected}` と解釈しました。" },
  seeAlso: { en: "See also", ja: "関連" },
  source: { en: "Source", ja: "出典" },
  readMore: { en: "read more", ja: "続きを読む" },
  share: { en: "Share to channel", ja: "チャンネルに共有" },
  shared: { en: "Shared to the channel.", ja: "チャンネルに共有しました。" },
  sharedBy: { en: "Shared by {user}", ja: "{user} さんが共有" },
  usage: { en: "Usage: `{usage}`, e.g. {examples}", ja: "使い方: `{usage}`  例: {examples}" },
  example: { en: "e.g.", ja: "例:" },
  unknownCommand: {
    en: "I don't know the command {command}. Type /help to see what I can do.",
    ja: "{command} というコマンドはありません。/help で使えるコマンドを確認できます。",
  },
  badInput: {
    en: "That input doesn't fit {command}: {problem}",
    ja: "{command} の入力が正しくありません: {problem}",
  },
  internalError: {
    en: "Something went wrong on my side; the error was logged. Please try again.",
    ja: "内部でエラーが発生しました (ログに記録済み)。もう一度お試しください。",
  },
  adminOnly: { en: "Only admins can run {command}.", ja: "{command} は管理者のみ実行できます。" },
  slowDownUser: {
    en: "You're asking faster than I can answer well. Please wait {seconds} s, then try {command} again.",
    ja: "少しペースを落としてください。{seconds} 秒ほど待ってから、もう一度 {command} をお試しください。",
  },
  slowDownChannel: {
    en: "Lots of questions in this channel at once. Please wait {seconds} s, then try {command} again.",
    ja: "このチャンネルで質問が集中しています。{seconds} 秒ほど待ってから、もう一度 {command} をお試しください。",
  },
  busy: {
    en: "I'm answering a lot of questions right now. Please try again in a minute.",
    ja: "ただいま多くの質問に回答中です。1 分ほどしてから、もう一度お試しください。",
  },
  helpTitle: { en: "notes-tutor: what I can do", ja: "notes-tutor でできること" },
  helpIntro: {
    en: "I answer from your team's notes ({entries} entries from {files} file(s)), and say so when they don't cover something.",
    ja: "チームのノート ({files} ファイル、{entries} 項目) をもとに答えます。ノートにないことは、ないとお伝えします。",
  },
  doctorTitle: { en: "Notes doctor: {count} finding(s)", ja: "ノート診断: {count} 件" },
  doctorClean: { en: "No problems found in your notes.", ja: "ノートに問題は見つかりませんでした。" },
  expiredButton: {
    en: "This button no longer works (it may be from an older version of the notes). Run the command again.",
    ja: "このボタンは使えなくなりました (ノートが更新された可能性があります)。もう一度コマンドを実行してください。",
  },
  quizTitle: { en: "Quiz", ja: "クイズ" },
  dailyTitle: { en: "Daily quiz · {date}", ja: "今日のクイズ · {date}" },
  reviewTitle: { en: "Review", ja: "復習" },
  promptWhichCommand: {
    en: "Which command does this?\n> {subject}",
    ja: "次のことをするコマンドはどれ？\n> {subject}",
  },
  promptFlag: { en: "What does `{subject}` mean in `{code}`?", ja: "`{code}` の `{subject}` の意味は？" },
  promptTermForDefinition: {
    en: "Which term matches this definition?\n> {subject}",
    ja: "次の説明に当てはまる用語はどれ？\n> {subject}",
  },
  promptDefinitionForTerm: { en: "What is `{subject}`?", ja: "`{subject}` の説明として正しいものは？" },
  promptFillBlank: {
    en: "Fill the blank `____` in this {subject}:",
    ja: "この {subject} の空欄 `____` に入るものは？",
  },
  answeredCount: { en: "{count} answered", ja: "{count} 人が回答" },
  correctAnswer: { en: "Right! The answer is **{answer}**.", ja: "正解！ 答えは **{answer}** です。" },
  wrongAnswer: {
    en: "Not quite: you chose **{chosen}**; the answer is **{answer}**.",
    ja: "残念。**{chosen}** を選びましたが、答えは **{answer}** です。",
  },
  alreadyAnswered: {
    en: "You already answered this one (you chose **{chosen}**).",
    ja: "この問題には回答済みです (選択: **{chosen}**)。",
  },
  nextReview: { en: "You'll see it again around {when}.", ja: "{when} ごろにもう一度出題します。" },
  revealHidden: {
    en: "The answer is revealed with the next daily question.",
    ja: "答えは次回のクイズで発表します。",
  },
  reveal: {
    en: "Answer to the previous question: **{answer}** ({correct} of {total} right).",
    ja: "前回の答え: **{answer}** ({total} 人中 {correct} 人正解)。",
  },
  erratumInQuestion: { en: "About your notes: {text}", ja: "ノートについて: {text}" },
  noQuestion: {
    en: "I couldn't make a question{topic} from your notes.",
    ja: "ノートから{topic}問題を作れませんでした。",
  },
  unknownTopic: {
    en: 'Unknown topic "{topic}". Topics: {topics}',
    ja: "トピック「{topic}」はありません。トピック: {topics}",
  },
  reviewDue: {
    en: "{due} question(s) due for review out of {total} you have answered.",
    ja: "回答した {total} 問のうち {due} 問が復習の時期です。",
  },
  reviewNext: { en: "Next review: {when}.", ja: "次の復習: {when}。" },
  reviewStart: { en: "Type /quiz to review them first.", ja: "/quiz で復習から出題します。" },
  leaderboardTitle: { en: "Leaderboard ({period})", ja: "ランキング ({period})" },
  leaderboardEmpty: { en: "No answers yet in this channel.", ja: "このチャンネルではまだ回答がありません。" },
  statsTitle: { en: "Stats for {user}", ja: "{user} さんの成績" },
  statsBody: {
    en: "Points: {points} · Answered: {answered} · Accuracy: {accuracy}\nDaily streak: {streak} (best {best}) · Due for review: {due}",
    ja: "ポイント: {points} · 回答数: {answered} · 正答率: {accuracy}\n連続日数: {streak} (最高 {best}) · 復習待ち: {due}",
  },
  dailySet: {
    en: "Daily quiz set: every day at {time} ({timezone}){topic} in this channel.",
    ja: "毎日 {time} ({timezone}) にこのチャンネルでクイズを出題します{topic}。",
  },
  dailyOff: {
    en: "Daily quiz turned off for this channel.",
    ja: "このチャンネルの毎日のクイズを停止しました。",
  },
  dailyNone: {
    en: "No daily quiz in this channel.",
    ja: "このチャンネルには毎日のクイズが設定されていません。",
  },
  dailyShow: {
    en: "Daily quiz: {time} ({timezone}){topic}, {status}. Posts so far: {posts}.",
    ja: "毎日のクイズ: {time} ({timezone}){topic}、{status}。これまでの出題: {posts} 回。",
  },
  lessonTitle: { en: "Lesson {n}/{total}: {title}", ja: "レッスン {n}/{total}: {title}" },
  lessonMeta: { en: "{unit} · about {minutes} min{optional}", ja: "{unit} · 約 {minutes} 分{optional}" },
  optionalLesson: { en: " · optional", ja: " · 任意" },
  lessonCommands: { en: "Commands in this lesson", ja: "このレッスンのコマンド" },
  checkpoint: { en: "Checkpoint {step}/{steps}", ja: "チェックポイント {step}/{steps}" },
  progress: { en: "{bar} {done}/{total} lessons", ja: "{bar} {done}/{total} レッスン" },
  readingLesson: {
    en: "No checkpoint here: press Next when you have read it.",
    ja: "このレッスンにはチェックポイントはありません。読み終えたら「次へ」を押してください。",
  },
  nextButton: { en: "Next", ja: "次へ" },
  retryButton: { en: "Retry", ja: "もう一度" },
  skipButton: { en: "Skip", ja: "スキップ" },
  startButton: { en: "Start the course", ja: "コースを始める" },
  lessonPassed: { en: "Lesson complete: {title}.", ja: "レッスン完了: {title}。" },
  lessonMissed: {
    en: "Not yet: read the explanation, then retry.",
    ja: "もう一息です。解説を読んでからもう一度挑戦してください。",
  },
  courseDone: {
    en: "🎓 You finished the course: {total} lessons. Well done!",
    ja: "🎓 全 {total} レッスンを修了しました。おつかれさまでした！",
  },
  onboardingWelcome: {
    en: "Welcome, {user}! This channel has a short course through the team's notes: {total} lessons, about {minutes} min in all, {checked} of them with a quick checkpoint.",
    ja: "{user} さん、ようこそ！このチャンネルではチームのノートを使った短いコースを受けられます: 全 {total} レッスン、合計約 {minutes} 分 (うち {checked} レッスンに簡単なチェックポイント) です。",
  },
  welcomeHelp: {
    en: "Welcome, {user}! I answer questions from the team's notes. Try /help.",
    ja: "{user} さん、ようこそ！チームのノートをもとに質問に答えます。/help をお試しください。",
  },
  onboardingStatus: {
    en: "Your course: {progress}. Next: {next}.",
    ja: "コースの進み具合: {progress}。次: {next}。",
  },
  onboardingNotStarted: {
    en: "You haven't started the course yet: /onboard start.",
    ja: "まだコースを始めていません: /onboard start",
  },
  onboardingReset: { en: "Your course progress was reset.", ja: "コースの進み具合をリセットしました。" },
  onboardingChannelSet: {
    en: "Channel `{channel}` is now an onboarding channel: people who join get the course.{nudge}",
    ja: "チャンネル `{channel}` をオンボーディングチャンネルに設定しました。参加した人にコースを案内します。{nudge}",
  },
  nudgeSetting: {
    en: " Idle members get a reminder after {days} day(s), at most once a week.",
    ja: " {days} 日間進みがない人に、週1回までリマインドします。",
  },
  nudge: {
    en: "Hi {user}, your next lesson is waiting: {next}. /onboard next to continue.",
    ja: "{user} さん、次のレッスンが待っています: {next}。/onboard next で続きから。",
  },
  reportTitle: { en: "Onboarding report", ja: "オンボーディング状況" },
  reportEmpty: { en: "Nobody has started the course yet.", ja: "まだ誰もコースを始めていません。" },
  reportLine: {
    en: "{user} — {progress} · last active {when}{done}",
    ja: "{user} — {progress} · 最終アクティブ {when}{done}",
  },
  llmSummary: {
    en: "✨ Summary by the language model, from the sections cited below (check it against the notes):",
    ja: "✨ 言語モデルによる要約 (下記のノートの該当箇所から作成。ノートの記述で確認してください):",
  },
  notYourCheckpoint: {
    en: "This checkpoint is part of someone else's lesson. Type /onboard start for your own course.",
    ja: "このチェックポイントは他の人のレッスンのものです。自分のコースは /onboard start で始められます。",
  },
  alreadyRevealed: {
    en: "The answer to this question has been revealed already; the next daily question counts.",
    ja: "この問題の答えはすでに発表されています。次のクイズに回答してください。",
  },
  onboardPrivately: {
    en: "Lessons are personal: type /onboard start (only you will see it).",
    ja: "レッスンは個人用です。/onboard start と入力してください (あなたにだけ表示されます)。",
  },
  choose: { en: "Type the number of your choice.", ja: "番号を入力して選んでください。" },
  followUpRead: {
    en: "Following the thread: read as “{text}”.",
    ja: "スレッドの流れから「{text}」として答えます。",
  },
  channelShow: {
    en: "This channel: {mode}. Slash command answers: {visibility}.{updated}",
    ja: "このチャンネル: {mode}。スラッシュコマンドの回答: {visibility}。{updated}",
  },
  channelModeMention: { en: "answers only when mentioned", ja: "メンションされたときだけ答える" },
  channelModeAuto: {
    en: "also answers questions posted without a mention, when the notes cover them",
    ja: "メンションなしの質問にも、ノートに答えがあるときは答える",
  },
  channelModeOff: { en: "does not answer messages", ja: "メッセージには答えない" },
  channelPrivate: { en: "private, with a Share button", ja: "本人にだけ表示 (共有ボタン付き)" },
  channelPublic: { en: "posted for everyone", ja: "全員に表示" },
  channelUpdated: { en: " Last changed by {user} on {when}.", ja: " 最終変更: {user} さん ({when})。" },
  channelDefaults: { en: " (the defaults: nobody changed them)", ja: " (既定値: 未変更)" },
  channelSet: { en: "Saved. {show}", ja: "保存しました。{show}" },
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** A fixed text of the bot in the given locale, with `{name}` placeholders filled in. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: string = MESSAGES[key][locale];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Picks a locale from a platform's locale string (`ja`, `ja-JP`, `en-US`); English otherwise. */
export function localeFrom(value: string | null | undefined, fallback: Locale = "en"): Locale {
  if (!value) return fallback;
  return value.toLowerCase().startsWith("ja") ? "ja" : value.toLowerCase().startsWith("en") ? "en" : fallback;
}
