import { labelEnd } from "micromark-core-commonmark";
import { gfm } from "micromark-extension-gfm";

/*
 * The micromark syntax the notes are parsed with: GitHub-flavoured markdown, with two of its
 * constructs kept from walking back over a whole paragraph at every character they might start at,
 * which made one long paragraph cost seconds (a stray `[` before 80 KB of words: 17 s; now 0.3 s).
 *
 * - Autolink literals (`www.example.com`, `https://…`, `a@b.c`) are off in the tokenizer, which asked
 *   at every word start whether an unclosed `[` came before it by walking back to find out. The
 *   addresses still become links: mdast-util-gfm finds them again in the text nodes with a regular
 *   expression (its autolink transform), so the tree is the same.
 * - GFM's footnote extension checks every `]` for a footnote call written as an image (`![^1]`) by
 *   walking back over the paragraph. Such a call needs a footnote definition, and the definitions are
 *   collected before the text is read; so in a note with no footnote definition the walk is skipped:
 *   the same tree, without the walk.
 * - CommonMark's `]` looks up whether the text since its `[` is a defined reference, serializing and
 *   normalizing that text first, at every `]`: thousands of unclosed `[` before thousands of `]` made
 *   that quadratic. A link label holds at most 999 characters (CommonMark), and so does every label a
 *   definition (`[id]: url`) defines; a longer span is looked up as "", which no definition defines
 *   (the same answer for every real label, without reading the span).
 */

type Extension = ReturnType<typeof gfm>;
type ConstructRecord = NonNullable<Extension["text"]>;
type Construct = Exclude<NonNullable<ConstructRecord[string]>, readonly unknown[]>;
type Tokenizer = Construct["tokenize"];

/** The name micromark-extension-gfm-footnote gives its `]` construct. */
const POTENTIAL_FOOTNOTE_CALL = "gfmPotentialFootnoteCall";

function guardedCall(tokenize: Tokenizer): Tokenizer {
  return function (effects, ok, nok) {
    // The footnote extension keeps the labels of the note's definitions on the parser.
    const defined = (this.parser as { gfmFootnotes?: string[] }).gfmFootnotes;
    if (defined === undefined || defined.length === 0) return nok;
    return tokenize.call(this, effects, ok, nok);
  };
}

/** The most characters a link label may hold (CommonMark's link label rule). */
const MAX_LABEL_CHARS = 999;

/** CommonMark's `]`, which reads the text since its `[` only when it can be a label. */
const notesLabelEnd: Construct = {
  ...labelEnd,
  name: "notesLabelEnd",
  tokenize(effects, ok, nok) {
    const serialize = this.sliceSerialize;
    // The tokenizer reads the context and never writes it; only a span too long to be a label is left unread.
    const bounded: typeof this = Object.create(this, {
      sliceSerialize: {
        value: (token: Parameters<typeof serialize>[0], expand?: boolean) =>
          token.end.offset - token.start.offset > MAX_LABEL_CHARS ? "" : serialize(token, expand),
      },
    });
    return labelEnd.tokenize.call(bounded, effects, ok, nok);
  },
};

/** The constructs micromark-extension-gfm-autolink-literal adds, by name. */
const AUTOLINK_LITERALS = ["wwwAutolink", "protocolAutolink", "emailAutolink"];

/**
 * GFM syntax for micromark (extensions in order): no autolink literals, the footnote walk guarded, and
 * CommonMark's `]` in its place before GFM's footnote call (a construct added without `add: "after"` goes
 * first; the core one is disabled by name).
 */
export function notesSyntax(): Extension[] {
  const syntax = gfm();
  const closing = syntax.text?.[93];
  const constructs = Array.isArray(closing) ? closing : closing ? [closing] : [];
  for (const construct of constructs)
    if (construct.name === POTENTIAL_FOOTNOTE_CALL) construct.tokenize = guardedCall(construct.tokenize);
  return [syntax, { text: { 93: notesLabelEnd }, disable: { null: [...AUTOLINK_LITERALS, "labelEnd"] } }];
}
