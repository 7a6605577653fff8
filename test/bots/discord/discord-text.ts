/** What a person reads of a message the bot posted on the fake Discord: its embeds' texts, its buttons. */
interface Embed {
  title?: string;
  description?: string;
  footer?: { text: string };
  fields?: { name: string; value: string }[];
}

export interface PostedBody {
  embeds: Embed[];
  components: { components: { custom_id?: string }[] }[];
}

export function embedText(b: PostedBody): string {
  return b.embeds
    .flatMap((e) => [
      e.title,
      e.description,
      e.footer?.text,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ])
    .filter((x): x is string => typeof x === "string")
    .join("\n");
}

export function buttonIdsOf(b: PostedBody): string[] {
  return b.components.flatMap((r) => r.components.map((c) => c.custom_id ?? ""));
}
