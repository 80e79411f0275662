import { lazy } from "react";

export type { SettingsDialogProps } from "./components/SettingsDialog";
export { useTodayTimeZoneFromSettings } from "./useTodayTimeZoneFromSettings";

/** Loaded on first use (the Settings button). */
export const SettingsDialog = lazy(() => import("./components/SettingsDialog"));
