/* Where the slideshow's buttons sit, so that they never hide a slide's text.

   Where the screen leaves room beside or below the slide's frame, the bar lives there (body
   data-bar="beside" or "below") and the slide keeps its full size. Where it leaves none (a 4:3
   tablet, a 4:3 slide on a 4:3 laptop) the bar floats over the slide (data-bar="over") and hides
   after 2 s without input, with a mouse or on touch; a tap on the slide shows or hides it.
   On a phone held upright, where the fitted text is smaller than 12 CSS px, the bar offers the
   reading view (at the same slide) and suggests turning the phone.
   Builds on window.slideshow (slideshow.js runs first); the presenter view has its own bar. */
(() => {
  "use strict";
  const deck = document.getElementById("deck");
  const bar = document.querySelector(".deck-bar");
  const slideshow = window.slideshow;
  if (!deck || !bar || !slideshow || deck.dataset.role !== "audience") return;

  const body = document.body;
  const hint = document.getElementById("deck-small-text");
  const IDLE_MS = 2000;
  const SMALL_TEXT_PX = 12;

  // ------------------------------------------------------------ placement

  function ratio() {
    const style = getComputedStyle(body);
    return (Number(style.getPropertyValue("--rw")) || 4) / (Number(style.getPropertyValue("--rh")) || 3);
  }

  /* The bar's size laid out as a row along the bottom or as a column at the side. */
  function measure(mode) {
    body.dataset.bar = mode;
    const box = bar.getBoundingClientRect();
    return mode === "below" ? box.height : box.width;
  }

  function place() {
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    const r = ratio();
    const slideWidth = Math.min(width, height * r);
    const slideHeight = slideWidth / r;
    updateHint(width, height, slideWidth);
    const below = measure("below");
    const beside = measure("beside");
    let mode = "over";
    if (height - slideHeight >= below) mode = "below";
    else if (width - slideWidth >= beside) mode = "beside";
    body.dataset.bar = mode;
    body.style.setProperty("--bar-below", mode === "below" ? below + "px" : "0px");
    body.style.setProperty("--bar-beside", mode === "beside" ? beside + "px" : "0px");
    if (mode === "over") wake();
    else show();
  }

  // ------------------------------------------------------------ small text on a phone

  function updateHint(width, height, slideWidth) {
    if (!hint) return;
    const slide = slideshow.slides[slideshow.current - 1];
    // Body text is 1em of the slide: remark's 20px at 908px, times the fit of a crowded slide.
    const fit = Number(slide && slide.style.getPropertyValue("--fit")) || 1;
    const text = 20 * (slideWidth / 908) * fit;
    hint.hidden = !(height > width && text < SMALL_TEXT_PX);
  }

  // ------------------------------------------------------------ hiding while idle

  let idleTimer = 0;

  function show() {
    body.classList.remove("is-hidden-bar");
  }

  function hide() {
    clearTimeout(idleTimer);
    if (body.dataset.bar === "over" && !bar.contains(document.activeElement)) {
      body.classList.add("is-hidden-bar");
    }
  }

  /* Input: show the bar (a floating one only for a while) and the mouse pointer. */
  function wake() {
    body.classList.remove("is-idle");
    show();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      body.classList.add("is-idle");
      hide();
    }, IDLE_MS);
  }

  function onPointerMove(event) {
    if (event.pointerType === "mouse") wake();
  }

  /* A tap on the slide (not a swipe, not on a link) shows or hides a floating bar. */
  function onDeckClick(event) {
    if (deck.classList.contains("is-overview") || event.target.closest("a, button, summary")) return;
    if (body.dataset.bar !== "over") return;
    if (body.classList.contains("is-hidden-bar")) wake();
    else hide();
  }

  // ------------------------------------------------------------ start

  place();
  wake();
  new ResizeObserver(() => window.requestAnimationFrame(place)).observe(bar, { box: "border-box" });
  window.addEventListener("resize", place);
  deck.addEventListener("slidechange", () => {
    const root = document.documentElement;
    const r = ratio();
    updateHint(root.clientWidth, root.clientHeight, Math.min(root.clientWidth, root.clientHeight * r));
  });
  deck.addEventListener("click", onDeckClick);
  document.addEventListener("pointermove", onPointerMove, { passive: true });
  bar.addEventListener("pointerdown", wake, { passive: true });
  bar.addEventListener("focusin", show);
  bar.addEventListener("focusout", () => { if (body.classList.contains("is-idle")) hide(); });
})();
