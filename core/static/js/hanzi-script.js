/* Traditional characters: a reader toggle for the Chinese text of the page.
 *
 * The server stores the Traditional form of each word that differs beside it, as
 * data-hant (glossary/chinese/ruby.py), so nothing is converted here: switching on puts
 * data-hant in place of the word's text (the Simplified text is kept in data-hans) and marks
 * its Chinese run lang="zh-Hant". The choice is kept in this browser (localStorage) as
 * "show-traditional". Any <button data-script-toggle hidden> becomes the switch; it stays
 * hidden when nothing on the page has a Traditional form, or without JavaScript.
 */
(function () {
  "use strict";

  var KEY = "show-traditional";
  var root = document.documentElement;

  function remembered() {
    try {
      return window.localStorage.getItem(KEY) === "1";
    } catch (error) {
      return false; // storage blocked: stay off
    }
  }

  function remember(on) {
    try {
      if (on) {
        window.localStorage.setItem(KEY, "1");
      } else {
        window.localStorage.removeItem(KEY);
      }
    } catch (error) {
      // storage blocked: the choice lasts for this page only
    }
  }

  function swap(element, on) {
    var text = element.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) {
      return;
    }
    if (!element.hasAttribute("data-hans")) {
      element.setAttribute("data-hans", text.nodeValue);
    }
    text.nodeValue = element.getAttribute(on ? "data-hant" : "data-hans");
    var run = element.closest("[lang|='zh']");
    if (run) {
      if (!run.hasAttribute("data-lang")) {
        run.setAttribute("data-lang", run.getAttribute("lang"));
      }
      run.setAttribute("lang", on ? "zh-Hant" : run.getAttribute("data-lang"));
    }
  }

  function apply(on) {
    root.classList.toggle(KEY, on);
    document.querySelectorAll("[data-hant]").forEach(function (element) {
      swap(element, on);
    });
    document.querySelectorAll("[data-script-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function setUp() {
    var hasTraditional = document.querySelector("[data-hant]") !== null;
    document.querySelectorAll("[data-script-toggle]").forEach(function (button) {
      if (!hasTraditional) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var on = !root.classList.contains(KEY);
        apply(on);
        remember(on);
      });
    });
    if (remembered()) {
      apply(true);
    }
  }

  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      apply(event.newValue === "1");
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
