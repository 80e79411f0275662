/**
 * Which React components rendered, and how often (bench:web `--profile`):
 * a stand-in for React DevTools' global hook, added to the page before the
 * app loads, that walks each committed tree as DevTools does (a fiber
 * rendered when its component ran: React's PerformedWork flag; subtrees
 * React did not visit are skipped). Plain JavaScript for the page.
 */
export const RENDER_COUNTER = `(() => {
  const counts = new Map();
  const reasons = new Map();
  const PERFORMED_WORK = 1;
  const nameOf = (fiber) => {
    const type = fiber.type;
    if (!type || typeof type === "string") return null;
    if (typeof type === "function") return type.displayName || type.name || "(anonymous)";
    const inner = type.type || type.render;
    if (inner) return (type.displayName || inner.displayName || inner.name || "(anonymous)");
    return null;
  };
  const visit = (fiber) => {
    for (let child = fiber.child; child; child = child.sibling) {
      const name = nameOf(child);
      if (name) {
        const mounted = child.alternate === null;
        if (mounted || (child.flags & PERFORMED_WORK) === PERFORMED_WORK) {
          const key = mounted ? name + " (mounted)" : name;
          counts.set(key, (counts.get(key) || 0) + 1);
          // Why it rendered: the props that changed, else its own state.
          if (!mounted) {
            const before = child.alternate.memoizedProps || {};
            const after = child.memoizedProps || {};
            const changed = Object.keys(after).filter((prop) => prop !== "children" && before[prop] !== after[prop]);
            const why = name + " ← " + (changed.length > 0 ? changed.join("+") : "state/context/parent");
            reasons.set(why, (reasons.get(why) || 0) + 1);
          }
        }
      }
      // React left the subtree as it was: nothing below rendered.
      if (child.alternate !== null && child.child === child.alternate.child) continue;
      visit(child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id, root) => {
      if (window.__benchRenders) visit(root.current);
    },
  };
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
 * many components rendered in it, walked as above. Installed in both pages
 * alike, before they load; read with `window.__benchCommits`. A figure the
 * machine's load does not change, unlike the times around it.
 */
export const COMMIT_COUNTER = `(() => {
  const commits = [];
  const PERFORMED_WORK = 1;
  // A function, or forwardRef's render. Not memo's own fiber (a memo with
  // a compare function has one above the function's): counted once.
  const isComponent = (fiber) => typeof fiber.type === "function" ||
    (fiber.type !== null && typeof fiber.type === "object" && typeof fiber.type.render === "function");
  const rendered = (fiber) => {
    let count = 0;
    for (let child = fiber.child; child; child = child.sibling) {
      if (isComponent(child) &&
        (child.alternate === null || (child.flags & PERFORMED_WORK) === PERFORMED_WORK)) count += 1;
      // React left the subtree as it was: nothing below rendered.
      if (child.alternate !== null && child.child === child.alternate.child) continue;
      count += rendered(child);
    }
    return count;
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id, root) => {
      commits.push({ at: performance.now(), components: rendered(root.current) });
    },
  };
  window.__benchCommits = commits;
})()`;
