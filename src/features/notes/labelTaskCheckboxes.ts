/** The parts of a hast (HTML syntax tree) node this plugin reads or writes. */
type HastNode = {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
};

const isElement = (node: HastNode, tagName: string) =>
  node.type === "element" && node.tagName === tagName;

const isCheckbox = (node: HastNode) =>
  isElement(node, "input") && node.properties?.type === "checkbox";

function classesOf(node: HastNode): unknown[] {
  const className = node.properties?.className;
  return Array.isArray(className) ? className : [];
}

/** An item's own text: its nested lists are their own items. */
function ownText(node: HastNode): string {
  if (node.type === "text") return node.value ?? "";
  if (isElement(node, "ul") || isElement(node, "ol")) return "";
  return (node.children ?? []).map(ownText).join("");
}

/** The item's checkbox: first in the item, or in its first paragraph (a loose list). */
function checkboxOf(item: HastNode): HastNode | undefined {
  for (const child of item.children ?? []) {
    if (isCheckbox(child)) return child;
    if (isElement(child, "p")) return child.children?.find(isCheckbox);
  }
  return undefined;
}

/**
 * A rehype plugin: each GitHub task-list checkbox (`- [ ] Buy milk`) is
 * named by its item's text, as a label would; remark-gfm leaves it
 * unnamed, so a screen reader would say only "checkbox, not checked".
 */
export function labelTaskCheckboxes() {
  const visit = (node: HastNode) => {
    if (isElement(node, "li") && classesOf(node).includes("task-list-item")) {
      const checkbox = checkboxOf(node);
      if (checkbox) {
        const text = ownText(node).replace(/\s+/g, " ").trim();
        checkbox.properties = {
          ...checkbox.properties,
          ariaLabel: text || "Task",
        };
      }
    }
    node.children?.forEach(visit);
  };
  return visit;
}
