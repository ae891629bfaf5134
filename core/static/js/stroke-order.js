/* Stroke-order animation of a character with Hanzi Writer (static/vendor/hanzi-writer).
 *
 * Each <div data-stroke-order="ID"> holds the still character; the stroke data is in the
 * page as <script type="application/json" id="ID"> (Django's json_script), and Hanzi Writer
 * is given it through charDataLoader, so nothing is fetched. Without Hanzi Writer or the
 * data, the still character stays. With data-autoplay the strokes play once on load,
 * unless the reader prefers reduced motion; a "Replay" button plays them again.
 */
(function () {
  "use strict";

  if (typeof window.HanziWriter === "undefined") {
    return;
  }
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function readData(id) {
    var source = document.getElementById(id);
    if (!source) {
      return null;
    }
    try {
      return JSON.parse(source.textContent);
    } catch (error) {
      return null;
    }
  }

  function setUp(glyph) {
    var id = glyph.getAttribute("data-stroke-order");
    var data = readData(id);
    var still = glyph.querySelector(".character__hanzi");
    if (!data || !still) {
      return;
    }
    var characters = Array.from(still.textContent.trim());
    var complete = characters.length > 0 && characters.every(function (ch) {
      return data[ch] && Array.isArray(data[ch].strokes);
    });
    if (!complete) {
      return;
    }
    var autoplay = glyph.hasAttribute("data-autoplay") && !reduceMotion;
    var size = Math.round(still.getBoundingClientRect().height) || 160;
    var stage = document.createElement("div");
    stage.className = "character__strokes";
    stage.setAttribute("aria-hidden", "true");
    var writers = characters.map(function (ch) {
      var box = document.createElement("div");
      box.className = "character__stroke-box";
      stage.appendChild(box);
      return window.HanziWriter.create(box, ch, {
        width: size,
        height: size,
        padding: Math.round(size / 20),
        showOutline: true,
        showCharacter: !autoplay,
        strokeAnimationSpeed: 1,
        delayBetweenStrokes: 250,
        strokeColor: "#1d1d1f",
        radicalColor: "#a4161a",
        outlineColor: "#dcd8d2",
        charDataLoader: function (wanted) {
          return data[wanted];
        },
      });
    });
    glyph.appendChild(stage);
    glyph.classList.add("is-animated"); // the still character stays for screen readers

    function play(index) {
      if (index < writers.length) {
        writers[index].animateCharacter({
          onComplete: function () {
            play(index + 1);
          },
        });
      }
    }

    function replay() {
      writers.forEach(function (writer) {
        writer.hideCharacter();
      });
      play(0);
    }

    var button = document.querySelector('[data-stroke-replay="' + id + '"]');
    if (button) {
      button.textContent = autoplay ? "Replay the strokes" : "Play the strokes";
      button.hidden = false;
      button.addEventListener("click", replay);
    }
    if (autoplay) {
      play(0);
    }
  }

  document.querySelectorAll("[data-stroke-order]").forEach(setUp);
})();
