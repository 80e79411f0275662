/** Joins class names, skipping false and empty ones. */
export { clsx as cn } from "clsx";
