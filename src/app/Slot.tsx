import { useCallback, useState, type HTMLAttributes } from "react";

/** The element last focused inside each detached node. */
const lastFocused = new WeakMap<HTMLElement, HTMLElement>();

/**
 * A DOM node that lives for the app's lifetime. Content is portaled into it
 * and layouts place it with <Slot>, so switching layout (plain → resizable,
 * wide → overlay) moves DOM nodes instead of remounting the day view.
 */
export function useDetachedNode(className: string): HTMLDivElement {
  const [node] = useState(() => {
    const div = document.createElement("div");
    div.className = className;
    div.addEventListener("focusin", (event) => {
      if (event.target instanceof HTMLElement)
        lastFocused.set(div, event.target);
    });
    div.addEventListener("focusout", () => {
      // Forget it once focus has really gone elsewhere (not a move of this node).
      setTimeout(() => {
        if (!div.contains(document.activeElement)) lastFocused.delete(div);
      }, 0);
    });
    return div;
  });
  return node;
}

export function Slot({
  node,
  ...props
}: { node: HTMLElement } & HTMLAttributes<HTMLDivElement>) {
  const ref = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element || node.parentElement === element) return;
      // Taking a node out of the page blurs what is focused inside it; put
      // focus (and the caret) back so a layout switch never interrupts typing.
      const active = document.activeElement;
      const keep =
        active instanceof HTMLElement && node.contains(active)
          ? active
          : !active || active === document.body
            ? lastFocused.get(node)
            : undefined;
      const field =
        keep instanceof HTMLInputElement || keep instanceof HTMLTextAreaElement
          ? keep
          : null;
      const selection = field
        ? [field.selectionStart, field.selectionEnd]
        : null;
      element.appendChild(node);
      if (keep?.isConnected && node.contains(keep)) {
        keep.focus({ preventScroll: true });
        if (field && selection)
          field.setSelectionRange(selection[0] ?? null, selection[1] ?? null);
      }
    },
    [node],
  );
  return <div ref={ref} {...props} />;
}
