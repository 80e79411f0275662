import { lazy } from "react";

export type { SearchDialogProps } from "./components/SearchDialog";

/** Loaded on first use (Cmd/Ctrl+K or the Search button). */
export const SearchDialog = lazy(() => import("./components/SearchDialog"));
