/* Site search: query pagefind's index from the browser, no server needed. */
(function () {
  "use strict";
  var root = new URL("../", document.currentScript.src);

  function start() {
    var form = document.getElementById("search-form");
    // Browsers refuse to load the index from file:// pages, so search stays hidden there.
    if (!form || root.protocol === "file:") {
      return;
    }
    var input = document.getElementById("search-input");
    var output = document.getElementById("search-results");
    var engine = null;
    var latest = 0;
    var timer = null;

    function load() {
      // The index comes in shards (see briefgen/site/search.py): load the first, merge the rest.
      if (engine === null) {
        var base = new URL("pagefind/", root);
        var options = { baseUrl: root.pathname };
        engine = fetch(new URL("shards.json", base).href)
          .then(function (response) { return response.json(); })
          .then(function (shards) {
            if (!shards.length) {
              return null;
            }
            var first = new URL(shards[0] + "/", base).href;
            return import(first + "pagefind.js").then(function (pagefind) {
              return pagefind.options(options).then(function () {
                return Promise.all(shards.slice(1).map(function (name) {
                  return pagefind.mergeIndex(new URL(name + "/", base).href, options);
                }));
              }).then(function () { return pagefind; });
            });
          });
      }
      return engine;
    }

    function show(items, query) {
      output.replaceChildren();
      var status = document.createElement("p");
      status.className = "search-status";
      status.textContent = items.length
        ? items.length + " brief" + (items.length === 1 ? "" : "s") + " match “" + query + "”"
        : "No brief matches “" + query + "”";
      output.appendChild(status);
      if (!items.length) {
        return;
      }
      var list = document.createElement("ul");
      items.forEach(function (item) {
        var entry = document.createElement("li");
        var link = document.createElement("a");
        link.href = item.url;
        link.className = "search-result";
        link.textContent = (item.meta && item.meta.title) || item.url;
        var excerpt = document.createElement("p");
        // The excerpt is plain text with <mark> tags added by pagefind; keep only the text.
        excerpt.textContent = item.excerpt.replace(/<[^>]*>/g, "");
        entry.appendChild(link);
        entry.appendChild(excerpt);
        list.appendChild(entry);
      });
      output.appendChild(list);
    }

    function search() {
      var query = input.value.trim();
      var mine = ++latest;
      if (!query) {
        output.replaceChildren();
        return;
      }
      load()
        .then(function (pagefind) {
          return pagefind ? pagefind.search(query) : { results: [] };
        })
        .then(function (found) {
          return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }));
        })
        .then(function (items) {
          if (mine === latest) {
            show(items, query);
          }
        })
        .catch(function () {
          output.textContent = "Search is not available.";
        });
    }

    form.hidden = false;
    input.addEventListener("focus", load, { once: true });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      search();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
