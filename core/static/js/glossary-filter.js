/* Filter-as-you-type for the course glossary. Without JavaScript the page is the full list.
 *
 * Every word typed must appear in a term's hanzi, pinyin or English. Tone marks, case,
 * apostrophes and hyphens are ignored, and a word may run pinyin syllables together
 * ("zhihuichengshi" finds 智慧城市 zhìhuì chéngshì).
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-glossary-filter]");
  var list = document.getElementById("glossary-terms");
  if (!box || !list) {
    return;
  }
  var input = box.querySelector("input");
  var status = box.querySelector("[role=status]");
  var none = document.querySelector("[data-glossary-empty]");

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['’‘\-]/g, "");
  }

  var terms = Array.from(list.children).map(function (item) {
    var text = fold(item.getAttribute("data-search") || item.textContent);
    return { item: item, text: text + " " + text.replace(/\s+/g, "") };
  });

  function update() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    terms.forEach(function (term) {
      var match = words.every(function (word) {
        return term.text.indexOf(word) !== -1;
      });
      term.item.hidden = !match;
      shown += match ? 1 : 0;
    });
    if (none) {
      none.hidden = shown > 0;
    }
    status.textContent = words.length ? shown + " of " + terms.length + " terms shown" : "";
  }

  box.hidden = false;
  input.addEventListener("input", update);
  update(); // a value the browser restored on "back"
})();
