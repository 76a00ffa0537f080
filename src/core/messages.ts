// Messages by id, rendered as ESLint renders them: `{{ name }}` placeholders filled from a report's data.
import type { MessageData, RuleMeta } from "./types.js";

const PLACEHOLDER = /\{\{([^{}]+)\}\}/gu;

/** A template with its `{{ name }}` placeholders filled from `data`; a name `data` lacks is left as written. */
export function renderMessage(template: string, data: MessageData | undefined): string {
  if (!data) return template;
  return template.replace(PLACEHOLDER, (written, inner: string) => {
    const name = inner.trim();
    return Object.hasOwn(data, name) ? data[name] : written;
  });
}

/** The placeholder names a template uses, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1].trim());
}

/** A rule's meta with its message ids kept as a type, so `report({ messageId })` and `fixTitles` are checked against them. */
export function defineMeta<const MessageId extends string>(meta: RuleMeta<MessageId>): RuleMeta<MessageId> {
  return meta;
}
