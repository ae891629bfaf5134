/* The presenter view: the next slide, the current slide's notes, a timer (s pauses, t resets,
   as in remark) and the audience window (c). Navigation, keys and the sync with audience
   windows come from slideshow.js, which runs first. */
(() => {
  "use strict";
  const deck = document.getElementById("deck");
  const slideshow = window.slideshow;
  if (!deck || !slideshow || deck.dataset.role !== "presenter") return;

  const nextFrame = document.getElementById("presenter-next");
  const notes = document.getElementById("presenter-notes");
  const counter = document.getElementById("presenter-counter");
  const timer = document.querySelector(".presenter-timer");
  const elapsedOut = document.getElementById("presenter-elapsed");
  const clock = document.getElementById("presenter-clock");
  const toggleButton = document.querySelector('[data-action="timer-toggle"]');
  const blackButton = document.querySelector('[data-action="black"]');
  const storageKey = "presenter-timer:" + deck.dataset.channel;

  document.querySelectorAll(".presenter-next, .presenter-notes, .presenter-timer, #presenter-counter")
    .forEach((element) => { element.hidden = false; });

  // ------------------------------------------------------------ current notes, next slide

  function render(k) {
    const slides = slideshow.slides;
    const own = slides[k - 1].querySelector(".notes");
    const hasNotes = own && (own.textContent.trim() || own.querySelector("img, video"));
    notes.replaceChildren(...(hasNotes ? Array.from(own.cloneNode(true).childNodes) : []));
    notes.scrollTop = 0;

    const following = slides[k];
    if (following) {
      slideshow.fit(following);
      const copy = following.cloneNode(true);
      copy.querySelectorAll(".notes").forEach((element) => element.remove());
      [copy, ...copy.querySelectorAll("[id]")].forEach((element) => element.removeAttribute("id"));
      copy.removeAttribute("aria-current");
      copy.classList.add("is-current");
      copy.setAttribute("aria-hidden", "true");
      copy.inert = true;
      nextFrame.replaceChildren(copy);
    } else {
      const end = document.createElement("p");
      end.className = "presenter-next__end";
      end.textContent = "End of the slides.";
      nextFrame.replaceChildren(end);
    }
    counter.textContent = "Slide " + k + " of " + slides.length;
  }

  // ------------------------------------------------------------ timer

  let elapsed = 0;        // milliseconds counted before startedAt
  let startedAt = null;   // Date.now() when the timer last started; null while paused
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) || "{}");
    elapsed = Number(saved.elapsed) || 0;
    startedAt = Number(saved.startedAt) || null;
  } catch (error) { /* no storage: start from zero */ }

  const total = () => elapsed + (startedAt ? Date.now() - startedAt : 0);
  const pad = (n) => String(n).padStart(2, "0");

  function save() {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify({ elapsed, startedAt }));
    } catch (error) { /* private mode: the timer still runs, it just isn't kept */ }
  }

  function tick() {
    const seconds = Math.floor(total() / 1000);
    elapsedOut.textContent =
      Math.floor(seconds / 3600) + ":" + pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60);
    toggleButton.textContent = startedAt ? "Pause" : total() ? "Resume" : "Start";
    timer.classList.toggle("is-paused", !startedAt && total() > 0);
    clock.textContent = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function start() {
    if (!startedAt) startedAt = Date.now();
    save();
    tick();
  }

  function pause() {
    elapsed = total();
    startedAt = null;
    save();
    tick();
  }

  function reset() {
    elapsed = 0;
    startedAt = null;
    save();
    tick();
  }

  const toggleTimer = () => (startedAt ? pause() : start());

  // ------------------------------------------------------------ audience window

  function openAudience() {
    const url = deck.dataset.slideshowUrl + "#" + slideshow.current;
    const audience = window.open(url, "deck-audience:" + deck.dataset.channel);
    if (audience) audience.focus();
  }

  // ------------------------------------------------------------ wiring

  deck.addEventListener("slidechange", (event) => {
    render(event.detail.index);
    if (!startedAt && total() === 0) start();  // remark starts the clock on the first move
  });
  deck.addEventListener("blackchange", (event) => {
    blackButton.setAttribute("aria-pressed", String(event.detail.on));
    blackButton.textContent = event.detail.on ? "Audience screen is black" : "Black screen";
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    const actions = { "timer-toggle": toggleTimer, "timer-reset": reset, audience: openAudience };
    if (button && actions[button.dataset.action]) actions[button.dataset.action]();
  });

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select, [contenteditable], dialog")) return;
    const actions = { s: toggleTimer, t: reset, c: openAudience };
    const action = actions[event.key.toLowerCase()];
    if (action) {
      action();
      event.preventDefault();
    }
  });

  render(slideshow.current);
  tick();
  setInterval(tick, 1000);
})();
