/* Site search: start pagefind's UI, with result links under the site's own folder. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../", script.src);
  window.addEventListener("DOMContentLoaded", function () {
    // Search needs http(s): browsers refuse to fetch the index from file:// pages.
    if (root.protocol === "file:" || typeof window.PagefindUI === "undefined") {
      return;
    }
    new window.PagefindUI({
      element: "#search",
      baseUrl: root.pathname,
      bundlePath: root.pathname + "pagefind/",
      showSubResults: false,
      showImages: false,
      resetStyles: false
    });
  });
})();
