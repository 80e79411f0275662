import { useEffect, type RefObject } from "react";

/**
 * Whether the browser sizes a field to its content by itself (CSS
 * `field-sizing: content`; Chromium 123+). Asked once.
 */
const sizesFieldsItself =
  typeof CSS !== "undefined" &&
  typeof CSS.supports === "function" &&
  CSS.supports("field-sizing", "content");

/**
 * The class that makes a text area as tall as its text: give it to the
 * field along with `useAutoHeight`.
 */
export const AUTO_HEIGHT = "field-sizing-content";

/**
 * Grows a text area with its text. The browser does it where it can
 * (AUTO_HEIGHT); elsewhere the field is measured after each change. The
 * measure reads `scrollHeight`, which lays out the whole page at once: on
 * a phone that cost tens of milliseconds on every add, and more on the
 * first paint of a day.
 */
export function useAutoHeight(
  ref: RefObject<HTMLTextAreaElement | null>,
  value: string,
  enabled = true,
) {
  useEffect(() => {
    const field = ref.current;
    if (!field || !enabled || sizesFieldsItself) return;
    field.style.height = "auto";
    field.style.height = `${field.scrollHeight}px`;
  }, [ref, value, enabled]);
}
