import { lazy, Suspense } from "react";
import type { MenuProps } from "./menuTypes";

export type { MenuEntry, MenuProps } from "./menuTypes";

// Menus load right after the first paint; until then the trigger shows.
const MenuImpl = lazy(() => import("./MenuImpl"));

export function Menu(props: MenuProps) {
  return (
    <Suspense fallback={props.trigger}>
      <MenuImpl {...props} />
    </Suspense>
  );
}
