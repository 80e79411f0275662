import { lazy } from "react";

/** "Recently deleted" is a route of its own, loaded when it is opened. */
export const TrashView = lazy(() => import("./components/TrashView"));
