/**
 * What kind of answer a question asks for, read from its wording alone (English and Japanese), with what it
 * is about. Pure: answers plan their content by it, and retrieval may weigh entries by it.
 */
import { stem } from "./segment.js";

export type QuestionKind =
  | "howto"
  | "definition"
  | "difference"
  | "which-command"
  | "which-option"
  | "list"
  | "other";

export interface QuestionShape {
  kind: QuestionKind;
  /** What the question is about, as typed (`ReplicaSet`, `see logs of a pod`), when there is one. */
  subject?: string;
  /** The two things a difference question compares. */
  sides?: [string, string];
}

const END = /[\s?？。.!！]+$/u;

/** Difference: "A と B の違い", "A vs B", "difference between A and B". */
const DIFFERENCE_JA =
  /^(.+?)\s*(?:と|や|、)\s*(.+?)\s*(?:の|って|は)?\s*(?:何が|なにが|どう|どこが)?\s*(?:違い|違う|差|相違|ちがい)/u;
const DIFFERENCE_EN =
  /\bdiff(?:erence|erences|er)?\s+(?:between\s+)?(.+?)\s+(?:and|from|vs\.?|versus)\s+(.+)$/iu;
const VERSUS = /^(.+?)\s+(?:vs\.?|versus|対)\s+(.+)$/iu;
/** "Is A the same as B", "A と B は同じ": a difference asked the other way round. */
const SAME_EN =
  /^(?:is|are|does|do)\s+(.+?)\s+(?:the same (?:thing )?as|equivalent to|(?:(?:any|really|at all)\s+)?different from)\s+(.+)$/iu;
const SAME_JA = /^(.+?)\s*と\s*(.+?)\s*(?:は|って)\s*(?:同じ|一緒|同一)/u;

/**
 * "Which option", "what's the flag that…", "is there a flag for…", "…するオプションある？", "何を付ければいい"
 * (what to add to a command line is a flag).
 */
const WHICH_OPTION =
  /(?:どの|何の|なんの|どんな)(?:オプション|フラグ)|(?:オプション|フラグ)(?:は|って)(?:何|なに|どれ)|(?:オプション|フラグ)(?:何|なに|どれ)$|(?:オプション|フラグ)(?:は|って)?(?:ある|あります|ない|ありません)(?:か|の)?$|(?:オプション|フラグ)(?:を|が|って|は)?(?:教えて|おしえて|知りたい|しりたい|(?:何|なん)だっけ)|(?:何|なに)を?(?:つけ|付け)れば(?:いい|良い|よい)?(?:の|ですか)?|(?:オプション|フラグ)(?:は)?$|\b(?:which|what)\s+(?:option|flag|switch)s?\b|\bwhat(?:'s|’s|\s+is)\s+the\s+(?:option|flag|switch)\b|\bis\s+there\s+(?:an?\s+|any\s+)?(?:option|flag|switch)\b|^(?:the\s+)?(?:option|flag|switch)s?\s+(?:to|for)\b/iu;
const WHICH_COMMAND =
  /(?:どの|何の|なんの|どんな)コマンド|コマンド(?:は|って)(?:何|なに|どれ)|コマンド(?:何|なに|どれ)$|コマンド(?:は)?$|コマンド(?:を|が|って|は)?(?:教えて|おしえて|知りたい|しりたい|(?:何|なん)だっけ)|\b(?:which|what)\s+(?:command|cli command)s?\b|\bwhat(?:'s|’s|\s+is)\s+the\s+command\s+(?:to|for|that)\b/iu;
const LIST =
  /一覧|種類|(?:何|なに)がある|どんな\S*が(?:ある|あります)|列挙|挙げて|\bwhat are the\b|\blist (?:of|all|the)\b|\bkinds of\b|\btypes of\b/iu;
const HOWTO_EN =
  /^(?:how\s+(?:do|can|could|should|would)\s+(?:i|we|you|one)\s+|how\s+to\s+|how\s+(?:do|can)\s+)(.+)$/iu;
const HOWTO_JA =
  /^(.+?)(?:には(?:どう|どのように|どうやって)?|するには|たい(?:のですが|です|んだけど|とき|時)?|(?:の|する)?(?:方法|やり方|手順)|をどうやって.*|はどうやって.*|どうやって.*|どうすれば.*)$/u;
/**
 * An English request in the imperative ("remove all unused images at once", "I want to follow the logs"),
 * as people type into a search box: a how-to. The verbs are the actions of a command line.
 */
const HOWTO_IMPERATIVE_EN = new RegExp(
  "^(?:please\\s+)?(?:i\\s+(?:want|need|would like|'d like)\\s+to\\s+|help me\\s+)?" +
    "((?:add|apply|attach|build|cap|change|check|clean|clear|connect|copy|create|delete|deploy|detach|" +
    "disable|display|download|enable|enter|exec|execute|expose|find|follow|forward|get|give|inspect|install|" +
    "kill|limit|log\\s+in|login|make|map|mount|move|open|pause|print|publish|pull|push|rebuild|reload|remove|" +
    "rename|restart|restore|resume|roll\\s+back|rollback|run|save|scale|see|set|share|show|start|stop|tag|" +
    "tail|undo|unpause|update|upgrade|upload|use|view|watch)\\b.*)$",
  "iu",
);
const HOWTO_ANY = /どうやって|どうすれば|するには|したい|方法|やり方|手順|\bhow (?:do|can|to|should)\b/iu;
const DEFINITION_EN =
  /^(?:what(?:'s|\s+(?:exactly\s+|actually\s+|really\s+)?(?:is|are|does))|define|meaning of|explain what)\s+(?:an?\s+|the\s+)?(.+?)(?:\s+(?:mean|do|for))?$/iu;
const DEFINITION_JA =
  /^(.+?)\s*(?:とは(?:何|なに|なん)?|って(?:そもそも|一体|いったい|結局)?(?:何|なに|なん)|の意味|は(?:そもそも|一体|いったい|結局)?(?:なに|何)(?![をがにで])|(?:って|は)(?:どういう|どんな)(?:もの|物|意味|こと|やつ)|の(?:役割|役目)(?:は|って)?(?:(?:何|なに|なん)(?:です|でしょう)?か?)?$)/u;

function clean(text: string): string {
  return text
    .trim()
    .replace(END, "")
    .replace(/^(?:the|an?)\s+/iu, "")
    .replace(/\s*(?:です|ですか|か|でしょうか)$/u, "")
    .replace(/(?:するには|には|の|は|を)$/u, "")
    .trim();
}

function shape(kind: QuestionKind, subject?: string): QuestionShape {
  const s = subject === undefined ? "" : clean(subject);
  return s ? { kind, subject: s } : { kind };
}

/**
 * A trailing "in a Dockerfile", "on Kubernetes" after a side that names a thing: the context, not the side,
 * unless the side would then be the other one.
 */
const CONTEXT_EN = /\s+(?:in|on|inside|within|for)\s+(?:an?\s+|the\s+|my\s+|our\s+)?[A-Za-z][\w.-]*$/iu;
/** A side's words that name a thing: a capitalised or flag-like word (CMD, ClusterIP, --rm). */
const NAMING = /(?:^|\s)(?:--?[A-Za-z]|[A-Z])[\w.-]*/u;

function withoutContext(side: string, other: string): string {
  const kept = side.replace(CONTEXT_EN, "");
  // "Docker and Docker for Mac": the context is what tells the two apart.
  return kept !== side && NAMING.test(kept) && kept.toLowerCase() !== other.toLowerCase() ? kept : side;
}

/** The kind of a question and its subject. */
export function questionKind(question: string): QuestionShape {
  const q = question.trim().replace(END, "");
  if (!q) return { kind: "other" };
  const diff =
    DIFFERENCE_JA.exec(q) ?? DIFFERENCE_EN.exec(q) ?? VERSUS.exec(q) ?? SAME_EN.exec(q) ?? SAME_JA.exec(q);
  if (diff?.[1] && diff[2]) {
    // "Dockerfile の RUN と CMD": the sides are RUN and CMD, in the context of Dockerfile.
    const a = clean(diff[1].replace(/^(?:what(?:'s| is) the\s+)/iu, "").replace(/^.*\sの\s*/u, ""));
    // "RDB vs AOF, what's the difference?", "RUN 命令と CMD 命令、実行されるタイミングの違い": what follows a comma
    // is not part of the side.
    const b = withoutContext(
      clean(diff[2].replace(/\s*(?:、|,\s).*$/u, "").replace(/\s*(?:の違い.*|は\?*)$/u, "")),
      a,
    );
    if (a && b) return { kind: "difference", subject: `${a} ${b}`, sides: [a, b] };
  }
  if (WHICH_OPTION.test(q)) return shape("which-option", q.replace(WHICH_OPTION, " "));
  if (WHICH_COMMAND.test(q)) return shape("which-command", q.replace(WHICH_COMMAND, " "));
  const howEn = HOWTO_EN.exec(q);
  if (howEn?.[1]) return shape("howto", howEn[1]);
  const howJa = HOWTO_JA.exec(q);
  if (howJa?.[1]) return shape("howto", howJa[1]);
  if (HOWTO_ANY.test(q)) return shape("howto", q);
  const imperative = HOWTO_IMPERATIVE_EN.exec(q);
  if (imperative?.[1] && !/^list\b/iu.test(q)) return shape("howto", imperative[1]);
  if (LIST.test(q)) return shape("list", q.replace(LIST, " ").replace(/^(?:の|は)|(?:の|は)$/gu, ""));
  const defEn = DEFINITION_EN.exec(q);
  if (defEn?.[1]) return shape("definition", defEn[1]);
  const defJa = DEFINITION_JA.exec(q);
  if (defJa?.[1]) return shape("definition", defJa[1]);
  return { kind: "other" };
}

/**
 * A past participle (or "running") between a determiner of one thing and its noun: "a *stopped* container",
 * "the *running* pod". Not other -ing words, which are mostly nouns ("a string", "the mapping file", "the
 * logging driver"), and not after "all" or "these": "all *unused* images" says which ones to clear at once,
 * and so which command.
 */
const STATE_MODIFIER = /\b(?:a|an|the|my|our|your|this|that)\s+([a-z]+ed|running)\s+(?=[a-z])/giu;
/** …or a clause after the noun that says what was done to it: "the manifest file *I applied*", "the deployment we updated". */
const DONE_TO =
  /\b(?:a|an|the|my|our|your|this|that)\s+(?:[a-z][\w.-]*\s+){1,2}?(?:i|we|you)\s+(?:just\s+|already\s+)?([a-z]+ed)\b/giu;

/**
 * The words of an English question that say which thing, not what to do with it ("throw away a *stopped*
 * container"), stemmed as the search's terms are: they do not choose a how-to's command line.
 */
export function stateModifiers(question: string): Set<string> {
  return new Set(
    [...question.matchAll(STATE_MODIFIER), ...question.matchAll(DONE_TO)].flatMap((m) =>
      m[1] ? [stem(m[1].toLowerCase())] : [],
    ),
  );
}
