import type { Todo } from "./optimistic";

const HEADING_PREFIX = { todo: "", h1: "# ", h2: "## ", h3: "### " } as const;

/** The text as typed, with its heading marker, for editing. */
export function editableText(todo: Pick<Todo, "kind" | "text">) {
  return HEADING_PREFIX[todo.kind] + todo.text;
}
