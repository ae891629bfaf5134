// The citation style a reader picks, remembered in localStorage: every entry is on the page in
// each style (rendered when the reading was saved); this shows the chosen one and hides the rest.
(function () {
  "use strict";
  var KEY = "citation-style";

  function remember(style) {
    try { window.localStorage.setItem(KEY, style); } catch (error) { /* private mode */ }
  }

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (error) { return null; }
  }

  function show(style) {
    var entries = document.querySelectorAll("[data-citation-style]");
    var known = Array.prototype.some.call(entries, function (entry) {
      return entry.getAttribute("data-citation-style") === style;
    });
    if (!known) { return; }
    Array.prototype.forEach.call(entries, function (entry) {
      entry.hidden = entry.getAttribute("data-citation-style") !== style;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-citation-style-select]"), function (select) {
      select.value = style;
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-citation-style-select]"), function (select) {
    select.addEventListener("change", function () {
      remember(select.value);
      show(select.value);
    });
  });
  // A page opened with ?style= shows what the server chose for it (aliases resolved): keep that.
  var menu = document.querySelector("[data-citation-style-select]");
  var chosen;
  if (menu && new URLSearchParams(window.location.search).has("style")) {
    chosen = menu.value;
    remember(chosen);
  } else {
    chosen = remembered();
  }
  if (chosen) { show(chosen); }
}());
