// Applies the remembered theme before the first paint (no flash of the wrong
// theme). Loaded synchronously from <head>; the CSP allows only 'self' scripts.
(function () {
  var theme = "system";
  try {
    var stored = localStorage.getItem("daybook-theme");
    if (stored === "light" || stored === "dark") theme = stored;
  } catch {
    // Storage may be unavailable (private mode); follow the system.
  }
  var dark =
    theme === "dark" ||
    (theme === "system" &&
      window.matchMedia("(prefers-color-scheme: dark)").matches);
  var root = document.documentElement;
  root.classList.toggle("dark", dark);
  root.style.colorScheme = dark ? "dark" : "light";
})();
