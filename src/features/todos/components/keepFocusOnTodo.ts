import { keepFocusOnItem } from "@/components/ui/focus";

/**
 * Keeps focus with a todo an action is about to move or remove (see
 * keepFocusOnItem): the same todo in its new place, else its neighbour in
 * its list, else the add field.
 */
export function keepFocusOnTodo(control: Element | null) {
  keepFocusOnItem(control, {
    idAttribute: "data-todo-id",
    fallback: () => document.getElementById("add-todo"),
  });
}
