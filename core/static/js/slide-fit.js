/* Shrink a slide's text until its content fits above its footnote, down to 60%, as the
   slideshow does (remark clips instead). Sizes inside slides are in em of the slide, so the
   factor found at one size holds at any size. window.slideFit(slide) works in any document. */
(() => {
  "use strict";
  const styleOf = (element) => element.ownerDocument.defaultView.getComputedStyle(element);

  /* Where an element's content ends: a floated column may be taller than what it holds. */
  function contentBottom(element) {
    const floated = styleOf(element).float !== "none" && element.children.length;
    const parts = floated ? Array.from(element.children) : [element];
    return Math.max(...parts.map((part) => part.getBoundingClientRect().bottom));
  }

  function overflows(slide) {
    if (slide.scrollWidth > slide.clientWidth + 1) return true;
    const footnote = slide.querySelector(":scope > .footnote");
    const limit = footnote ? footnote.getBoundingClientRect().top : slide.getBoundingClientRect().bottom;
    return Array.from(slide.children).some((child) => child !== footnote
      && styleOf(child).position !== "absolute" && contentBottom(child) > limit + 1);
  }

  window.slideFit = function fit(slide) {
    slide.style.removeProperty("--fit");
    for (let scale = 0.95; scale > 0.55 && overflows(slide); scale -= 0.05) {
      slide.style.setProperty("--fit", scale.toFixed(2));
    }
  };
})();
