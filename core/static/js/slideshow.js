/* The slideshow: remark's keys, touch and wheel, URL fragments (#12, #name), overview, help,
   blackout, full screen, and sync with the presenter view through a BroadcastChannel.
   The server renders every slide; without this script they read as a scrolling page.
   Keys act on the deck whatever was clicked last: a button clicked with a pointer gives the
   focus back to the deck. Moving slide by slide replaces the history entry, a jump pushes one.
   slideshow-chrome.js (where the buttons sit) and presenter.js build on window.slideshow and
   the "slidechange" / "blackchange" events. */
(() => {
  "use strict";
  const deck = document.getElementById("deck");
  if (!deck || deck.dataset.mode === "reading") return;
  const slides = Array.from(deck.querySelectorAll(":scope > .slide"));
  if (!slides.length) return;

  const root = document.documentElement;
  const isPresenter = deck.dataset.role === "presenter";
  const status = document.getElementById("deck-status");
  const gotoBox = document.getElementById("deck-goto");
  const blackout = document.getElementById("deck-blackout");
  const help = document.getElementById("deck-help");
  const presenterUrl = deck.dataset.presenterUrl || "";
  const channel = "BroadcastChannel" in window && deck.dataset.channel
    ? new BroadcastChannel(deck.dataset.channel) : null;

  let current = 0;          // 1-based index of the slide shown
  let digits = "";          // a slide number being typed, remark's "12 Enter"
  let black = false;
  let overviewFocus = 0;

  // ------------------------------------------------------------ navigation

  /* The slide a URL fragment names: #12 (12th slide), #name, #slide-12, #p12, or an element
     inside a slide; null when it names none. */
  function indexFromHash(hash) {
    let id = hash.replace(/^#/, "");
    try { id = decodeURIComponent(id); } catch (error) { /* keep it as typed */ }
    if (!id) return null;
    const numbered = /^(?:p|slide-)?(\d+)$/.exec(id);
    if (numbered) {
      const n = Number(numbered[1]);
      return n >= 1 && n <= slides.length ? n : null;
    }
    const named = slides.findIndex((slide) => slide.dataset.name === id);
    if (named >= 0) return named + 1;
    const target = document.getElementById(id);
    const holder = target && target.closest(".slide");
    return holder && slides.includes(holder) ? slides.indexOf(holder) + 1 : null;
  }

  function label(slide) {
    const heading = slide.querySelector("h1, h2, h3");
    const text = heading ? heading.textContent.trim() : "";
    return slide.getAttribute("aria-label") + (text ? ": " + text : "");
  }

  /* Show slide k. history: "push" (a new entry, so Back returns: jumps), "replace" (a step to
     the next or previous slide, so Back leaves the deck) or "none". */
  function show(k, { history: mode = "push", broadcast = true, announce = true } = {}) {
    k = Math.min(Math.max(1, k), slides.length);
    if (digits) {  // any move clears a number being typed
      digits = "";
      showDigits();
    }
    if (k === current) return;
    const previous = current;
    if (previous) {
      slides[previous - 1].classList.remove("is-current");
      slides[previous - 1].removeAttribute("aria-current");
    }
    const slide = slides[k - 1];
    slide.classList.add("is-current");
    slide.setAttribute("aria-current", "true");
    current = k;
    fit(slide);
    preload(slides[k]);
    if (mode !== "none") {
      const url = "#" + k;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    }
    if (announce && status) status.textContent = label(slide);
    keepSlideInLinks();
    if (broadcast) post({ type: "goto", slide: k });
    deck.dispatchEvent(new CustomEvent("slidechange", { detail: { index: k, previous, slide } }));
  }

  /* remark clips what does not fit; shrink the slide's text instead, down to 60%. All sizes are
     in em of the slide, so the factor found at one size holds at any size. */
  function fit(slide) {
    if (!slide || slide.dataset.fitted) return;
    const hidden = !slide.getClientRects().length;
    if (hidden) slide.classList.add("is-measuring");
    slide.style.removeProperty("--fit");
    for (let scale = 0.95; scale > 0.55 && overflows(slide); scale -= 0.05) {
      slide.style.setProperty("--fit", scale.toFixed(2));
    }
    slide.classList.remove("is-measuring");
    slide.dataset.fitted = "1";
  }

  /* Whether content runs past the slide's bottom (or into its footnote) or its sides. */
  function overflows(slide) {
    if (slide.scrollWidth > slide.clientWidth + 1) return true;
    const footnote = slide.querySelector(":scope > .footnote");
    const limit = footnote ? footnote.getBoundingClientRect().top : slide.getBoundingClientRect().bottom;
    return Array.from(slide.children).some((child) => child !== footnote
      && getComputedStyle(child).position !== "absolute" && contentBottom(child) > limit + 1);
  }

  /* Where an element's content ends: a floated column may be taller than what it holds. */
  function contentBottom(element) {
    const floated = getComputedStyle(element).float !== "none" && element.children.length;
    const parts = floated ? Array.from(element.children) : [element];
    return Math.max(...parts.map((part) => part.getBoundingClientRect().bottom));
  }

  const fitAll = () => slides.forEach(fit);  // before printing; measuring hundreds takes a moment

  /* Fetch the next slide's background while this one is on screen. */
  function preload(slide) {
    const url = slide && /url\(["']?([^"')]+)/.exec(slide.style.backgroundImage);
    if (url) new Image().src = url[1];
  }

  const next = () => show(current + 1, { history: "replace" });
  const prev = () => show(current - 1, { history: "replace" });

  function gotoNumber(number) {
    const found = slides.findIndex((slide) => slide.dataset.number === String(number));
    if (found >= 0) show(found + 1);
  }

  function followLocation() {
    const k = indexFromHash(window.location.hash);
    if (k) show(k, { history: "none" });
    else if (!window.location.hash) show(1, { history: "none" });
  }

  /* Links that change view (reading view, presenter) keep the current slide. */
  function keepSlideInLinks() {
    document.querySelectorAll("a[data-keep-slide]").forEach((link) => {
      const url = new URL(link.href, window.location.href);
      url.hash = link.search.includes("view=reading") ? "slide-" + current : String(current);
      link.href = url.href;
    });
  }

  // ------------------------------------------------------------ overlays and modes

  function setBlack(on, { broadcast = true } = {}) {
    black = on;
    if (!isPresenter && blackout) blackout.hidden = !on;
    if (broadcast) post({ type: "black", on });
    deck.dispatchEvent(new CustomEvent("blackchange", { detail: { on } }));
  }

  const isOverview = () => deck.classList.contains("is-overview");

  function setOverview(open) {
    deck.classList.toggle("is-overview", open);
    slides.forEach((slide) => {
      if (open) slide.tabIndex = 0;
      else slide.removeAttribute("tabindex");
    });
    if (open) {
      fitAll();  // a slide not visited yet would spill over its thumbnail's footnote
      focusThumbnail(current);
      if (status) status.textContent = "Overview of all " + slides.length + " slides";
    } else {
      deck.focus({ preventScroll: true });
    }
  }

  function focusThumbnail(k) {
    overviewFocus = Math.min(Math.max(1, k), slides.length);
    const slide = slides[overviewFocus - 1];
    slide.focus({ preventScroll: true });
    slide.scrollIntoView({ block: "nearest" });
  }

  function pick(k) {
    setOverview(false);
    show(k);
  }

  function toggleHelp() {
    if (!help || typeof help.showModal !== "function") return;
    if (help.open) help.close();
    else help.showModal();
  }

  function toggleFullscreen() {
    const request = root.requestFullscreen || root.webkitRequestFullscreen;
    const exit = document.exitFullscreen || document.webkitExitFullscreen;
    const active = document.fullscreenElement || document.webkitFullscreenElement;
    const result = active ? exit && exit.call(document) : request && request.call(root);
    if (result && result.catch) result.catch(() => {});
  }

  function openPresenter() {
    if (!presenterUrl) return;
    const url = presenterUrl + "#" + current;
    const opened = window.open(url, "deck-presenter:" + deck.dataset.channel);
    if (!opened) window.location.assign(url);
  }

  function escape() {
    if (isOverview()) setOverview(false);
    else if (black) setBlack(false);
    digits = "";
    showDigits();
  }

  function showDigits() {
    if (!gotoBox) return;
    gotoBox.hidden = !digits;
    gotoBox.textContent = digits ? "Go to " + digits : "";
  }

  // ------------------------------------------------------------ keyboard (remark's keys)

  const NEXT = ["ArrowRight", "ArrowDown", "PageDown", "j"];
  const PREV = ["ArrowLeft", "ArrowUp", "PageUp", "k"];

  function overviewKey(event) {
    const cols = Number(getComputedStyle(slides[0]).getPropertyValue("--cols")) || 1;
    const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
    if (event.key in moves) focusThumbnail(overviewFocus + moves[event.key]);
    else if (event.key === "Home") focusThumbnail(1);
    else if (event.key === "End") focusThumbnail(slides.length);
    else if (event.key === "Enter" || event.key === " ") pick(overviewFocus);
    else if (event.key === "o" || event.key === "Escape") setOverview(false);
    else return false;
    return true;
  }

  function onKey(event) {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    if (help && help.open) {
      if (event.key === "?" || event.key === "h") { help.close(); event.preventDefault(); }
      return;  // the dialog handles Esc and its own buttons
    }
    const key = event.key.length === 1 && event.key !== " " ? event.key.toLowerCase() : event.key;
    // A control the keyboard focused keeps Enter and Space, unless a number is being typed;
    // one clicked with a pointer has given the focus back to the deck (onAction).
    const onControl = Boolean(target.closest("a, button, summary"));
    if (onControl && key === " ") return;
    if (onControl && key === "Enter" && !digits) return;
    if (isOverview() && !onControl) {
      if (overviewKey(event)) event.preventDefault();
      return;
    }
    if (/^[0-9]$/.test(key)) {
      digits = (digits + key).slice(-4);
      showDigits();
      event.preventDefault();
      return;
    }
    const typed = digits;
    digits = "";
    showDigits();
    if (key === "Enter" && typed) gotoNumber(Number(typed));
    else if (key === "Enter") return;
    else if (key === " ") (event.shiftKey ? prev : next)();
    else if (NEXT.includes(key)) next();
    else if (PREV.includes(key)) prev();
    else if (key === "Home") show(1);
    else if (key === "End") show(slides.length);
    else if (key === "b") setBlack(!black);
    else if (key === "f") toggleFullscreen();
    else if (key === "o") setOverview(true);
    else if (key === "m") deck.classList.toggle("is-mirrored");
    else if (key === "?" || key === "h") toggleHelp();
    else if (key === "Escape") escape();
    else if (key === "p" && isPresenter && deck.dataset.slideshowUrl) {
      window.location.assign(deck.dataset.slideshowUrl + "#" + current);
    } else if (key === "p" && presenterUrl) openPresenter();
    else return;
    event.preventDefault();
  }

  // ------------------------------------------------------------ pointer: buttons, swipe, wheel

  function onAction(event) {
    const button = event.target.closest("button");
    if (!button) return;
    const actions = {
      prev, next,
      overview: () => setOverview(!isOverview()),
      help: toggleHelp,
      black: () => setBlack(!black),
    };
    if (actions[button.dataset.action]) actions[button.dataset.action]();
    // A click with a pointer (not Enter or Space on a focused button) leaves the keys to the
    // deck; the buttons' own handlers (the pinyin switch) have run by now.
    const open = (help && help.open) || isOverview();
    if (event.detail > 0 && !open && button.closest(".deck-bar, .presenter-bar")) {
      deck.focus({ preventScroll: true });
    }
  }

  let touch = null;
  function onTouchStart(event) {
    touch = event.touches.length === 1
      ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
  }
  function onTouchEnd(event) {
    if (!touch || isOverview()) return;
    const end = event.changedTouches[0];
    const dx = end.clientX - touch.x;
    const dy = end.clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) (dx < 0 ? next : prev)();
  }

  let wheelAt = 0;
  function onWheel(event) {
    if (isOverview() || event.ctrlKey) return;  // ctrl+wheel is the browser's zoom
    event.preventDefault();
    const quiet = event.timeStamp - wheelAt > 300;  // one step per gesture, not per event
    wheelAt = event.timeStamp;
    const delta = Math.abs(event.deltaY) >= Math.abs(event.deltaX) ? event.deltaY : event.deltaX;
    if (quiet && delta) (delta > 0 ? next : prev)();
  }

  function onClick(event) {
    if (!isOverview()) return;
    const slide = event.target.closest(".slide");
    if (slide) pick(slides.indexOf(slide) + 1);
  }

  // ------------------------------------------------------------ presenter sync

  /* The presenter drives every slideshow window of this deck in this browser; an audience
     window, driven by hand, moves the presenter in turn (who passes it on). */
  function post(message) {
    if (channel) channel.postMessage({ ...message, from: isPresenter ? "presenter" : "audience" });
  }

  function onMessage(event) {
    const message = event.data || {};
    if (!isPresenter && message.from !== "presenter") return;
    if (message.type === "goto") {
      show(Number(message.slide), { history: "replace", broadcast: isPresenter && message.from === "audience" });
    } else if (message.type === "black") {
      setBlack(Boolean(message.on), { broadcast: false });
    } else if (message.type === "hello" && isPresenter) {
      post({ type: "goto", slide: current });
      post({ type: "black", on: black });
    }
  }

  // ------------------------------------------------------------ start

  if (presenterUrl && /^#p\d+$/.test(window.location.hash)) {  // remark's #p12: presenter mode
    window.location.replace(presenterUrl + "#" + window.location.hash.slice(2));
    return;
  }
  root.classList.add("deck-live");
  show(indexFromHash(window.location.hash) || 1, { history: "none", broadcast: false, announce: false });
  document.querySelectorAll("button[data-action]").forEach((button) => { button.hidden = false; });

  document.addEventListener("keydown", onKey);
  document.addEventListener("click", onAction);
  window.addEventListener("popstate", followLocation);
  window.addEventListener("hashchange", followLocation);
  deck.addEventListener("touchstart", onTouchStart, { passive: true });
  deck.addEventListener("touchend", onTouchEnd, { passive: true });
  deck.addEventListener("wheel", onWheel, { passive: false });
  deck.addEventListener("click", onClick);
  window.addEventListener("beforeprint", fitAll);
  if (document.fonts) {
    document.fonts.addEventListener("loadingdone", () => {  // a course font changes the fit
      slides.forEach((slide) => delete slide.dataset.fitted);
      fit(slides[current - 1]);
    });
  }
  if (channel) {
    channel.addEventListener("message", onMessage);
    post(isPresenter ? { type: "goto", slide: current } : { type: "hello" });
  }

  window.slideshow = {
    slides,
    get current() { return current; },
    get black() { return black; },
    show, next, prev, setBlack, post, fit,
  };
})();
