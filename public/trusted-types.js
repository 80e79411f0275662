// The page's only Trusted Types policy (netlify.toml's CSP requires Trusted
// Types for scripts and allows just the policy named "default"). Loaded
// before every other script, so it exists before anything writes HTML.
//
// The one HTML writer in the bundle is the markdown parser's decoder of named
// character references (decode-named-character-reference, browser build): it
// sets innerHTML = "&copy;" on a detached element so the browser decodes it.
// Exactly that shape passes, and so does the empty string (clearing a node
// with innerHTML = "" writes no markup, and a library doing so must not
// throw); anything else makes the write throw. No script is ever created.
//
// The one script URL is the service worker's: registering it
// (navigator.serviceWorker.register, from workbox-window) is a Trusted Types
// sink. Exactly "/sw.js" passes, the file vite-plugin-pwa writes at the root
// (vite.config.ts); any other script URL makes the call throw.
(function () {
  var trustedTypes = window.trustedTypes;
  if (!trustedTypes || !trustedTypes.createPolicy) return;
  // The longest HTML entity name, CounterClockwiseContourIntegral, has 31 characters.
  var NAMED_CHARACTER_REFERENCE = /^&[A-Za-z][A-Za-z0-9]{0,39};$/;
  var SERVICE_WORKER_URL = "/sw.js";
  trustedTypes.createPolicy("default", {
    createHTML: function (html) {
      return html === "" || NAMED_CHARACTER_REFERENCE.test(html) ? html : null;
    },
    createScriptURL: function (url) {
      return url === SERVICE_WORKER_URL ? url : null;
    },
  });
})();
