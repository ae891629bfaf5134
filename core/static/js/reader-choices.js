/* The reader's two choices for Chinese text: pinyin over the characters, Traditional characters.
 *
 * Each choice is off by default, kept in this browser (localStorage, or for this page only where
 * storage is blocked), followed from other tabs, and applied as a class on <html>: "show-pinyin",
 * which glossary.css uses to show the <rt> of the ruby, and "show-traditional". Load this in
 * <head>: a remembered choice's class is then set before the page is drawn.
 *
 * Traditional characters: the server stores the Traditional form of each word that differs beside
 * it, as data-hant (glossary/chinese/ruby.py), so nothing is converted here: switching on puts
 * data-hant in place of the word's text (the Simplified text is kept in data-hans) and marks its
 * Chinese run lang="zh-Hant".
 *
 * Every <button data-pinyin-toggle hidden> (data-script-toggle) becomes a switch; it stays hidden
 * when the page has nothing the choice changes, or without JavaScript.
 */
(function () {
  "use strict";

  var root = document.documentElement;

  /* The choice kept under `key`, switched by the buttons `toggles` (a selector) when the page has
   * something it `changes` (a selector); `show(on)`, if given, does what the class cannot. */
  function readerChoice(key, toggles, changes, show) {
    function remembered() {
      try {
        return window.localStorage.getItem(key) === "1";
      } catch (error) {
        return false; // storage blocked: stay off
      }
    }

    function remember(on) {
      try {
        if (on) {
          window.localStorage.setItem(key, "1");
        } else {
          window.localStorage.removeItem(key);
        }
      } catch (error) {
        // storage blocked: the choice lasts for this page only
      }
    }

    function apply(on) {
      root.classList.toggle(key, on);
      if (show) {
        show(on);
      }
      document.querySelectorAll(toggles).forEach(function (button) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
      });
    }

    function setUp() {
      if (document.querySelector(changes) !== null) {
        document.querySelectorAll(toggles).forEach(function (button) {
          button.hidden = false;
          button.addEventListener("click", function () {
            var on = !root.classList.contains(key);
            apply(on);
            remember(on);
          });
        });
      }
      if (root.classList.contains(key)) {
        apply(true); // the buttons' aria-pressed, and what only the parsed page can show
      }
    }

    root.classList.toggle(key, remembered());
    window.addEventListener("storage", function (event) {
      if (event.key === key) {
        apply(event.newValue === "1");
      }
    });
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setUp);
    } else {
      setUp();
    }
  }

  function swapScript(element, on) {
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

  readerChoice("show-pinyin", "[data-pinyin-toggle]", "ruby"); // the class is all it takes
  readerChoice("show-traditional", "[data-script-toggle]", "[data-hant]", function (on) {
    document.querySelectorAll("[data-hant]").forEach(function (element) {
      swapScript(element, on);
    });
  });
})();
