/* Pinyin over Chinese characters: a reader toggle for the <ruby> of glossary terms.
 *
 * Off by default. The choice is kept in this browser (localStorage) and applied as the
 * "show-pinyin" class on <html>, which glossary.css uses to show the <rt> elements.
 * Load it in <head>: the remembered choice then applies before the page is drawn.
 * Any <button data-pinyin-toggle hidden> on the page becomes the switch; it stays hidden
 * when the page has no ruby, or without JavaScript.
 */
(function () {
  "use strict";

  var KEY = "show-pinyin";
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

  function apply(on) {
    root.classList.toggle(KEY, on);
    document.querySelectorAll("[data-pinyin-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function setUpButtons() {
    var hasRuby = document.querySelector("ruby") !== null;
    document.querySelectorAll("[data-pinyin-toggle]").forEach(function (button) {
      if (!hasRuby) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var on = !root.classList.contains(KEY);
        apply(on);
        remember(on);
      });
    });
    apply(root.classList.contains(KEY));
  }

  apply(remembered());
  // Another tab switched: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      apply(event.newValue === "1");
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpButtons);
  } else {
    setUpButtons();
  }
})();
