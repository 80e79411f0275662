/**
 * Page-side JavaScript both counters share: `forEachRendered(root, visit)`
 * walks a committed tree as DevTools does, calling `visit(fiber, mounted)`
 * for each fiber that rendered in this commit (mounted, or React's
 * PerformedWork flag) and skipping subtrees React did not visit; and
 * `installHook(onCommit)` stands in for React DevTools' global hook, so
 * React calls `onCommit(root)` after each commit.
 */
const HOOK_AND_WALK = `
  const PERFORMED_WORK = 1;
  const forEachRendered = (fiber, visit) => {
    for (let child = fiber.child; child; child = child.sibling) {
      const mounted = child.alternate === null;
      if (mounted || (child.flags & PERFORMED_WORK) === PERFORMED_WORK) visit(child, mounted);
      // React left the subtree as it was: nothing below rendered.
      if (!mounted && child.child === child.alternate.child) continue;
      forEachRendered(child, visit);
    }
  };
  const installHook = (onCommit) => {
    window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => {},
      onScheduleFiberRoot: () => {},
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
      onCommitFiberRoot: (_id, root) => onCommit(root),
    };
  };`;

/**
 * Which React components rendered, and how often (bench:web `--profile`),
 * by name, with why (the props that changed). Added to the page before the
 * app loads. Plain JavaScript for the page.
 */
export const RENDER_COUNTER = `(() => {${HOOK_AND_WALK}
  const counts = new Map();
  const reasons = new Map();
  const nameOf = (fiber) => {
    const type = fiber.type;
    if (!type || typeof type === "string") return null;
    if (typeof type === "function") return type.displayName || type.name || "(anonymous)";
    const inner = type.type || type.render;
    if (inner) return (type.displayName || inner.displayName || inner.name || "(anonymous)");
    return null;
  };
  const count = (fiber, mounted) => {
    const name = nameOf(fiber);
    if (!name) return;
    const key = mounted ? name + " (mounted)" : name;
    counts.set(key, (counts.get(key) || 0) + 1);
    // Why it rendered: the props that changed, else its own state.
    if (mounted) return;
    const before = fiber.alternate.memoizedProps || {};
    const after = fiber.memoizedProps || {};
    const changed = Object.keys(after).filter((prop) => prop !== "children" && before[prop] !== after[prop]);
    const why = name + " ← " + (changed.length > 0 ? changed.join("+") : "state/context/parent");
    reasons.set(why, (reasons.get(why) || 0) + 1);
  };
  installHook((root) => {
    if (window.__benchRenders) forEachRendered(root.current, count);
  });
  window.__benchRenders = false;
  window.__benchRenderCounts = () => {
    const out = [...counts.entries(), ...reasons.entries()].sort((a, b) => b[1] - a[1]);
    counts.clear();
    reasons.clear();
    return out;
  };
})()`;

/**
 * How much React work a page did while it loaded (bench:web's page loads):
 * each commit's time (performance.now(), the paint probe's clock) and how
 * many components rendered in it. Installed in both pages alike, before
 * they load; read with `window.__benchCommits`. A figure the machine's load
 * changes little, unlike the times around it.
 */
export const COMMIT_COUNTER = `(() => {${HOOK_AND_WALK}
  const commits = [];
  // A function, or forwardRef's render. Not memo's own fiber (a memo with
  // a compare function has one above the function's): counted once.
  const isComponent = (fiber) => typeof fiber.type === "function" ||
    (fiber.type !== null && typeof fiber.type === "object" && typeof fiber.type.render === "function");
  installHook((root) => {
    let components = 0;
    forEachRendered(root.current, (fiber) => {
      if (isComponent(fiber)) components += 1;
    });
    commits.push({ at: performance.now(), components });
  });
  window.__benchCommits = commits;
})()`;
