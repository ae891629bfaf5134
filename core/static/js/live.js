/* The live classroom: every device follows the presenter, discussion slides collect the class's
   answers. One Server-Sent Events stream per page (live/stream.py has the contract); the
   presenter view posts each move. Builds on window.slideshow and its "slidechange" event. */
(() => {
  "use strict";
  const deck = document.getElementById("deck");
  const slideshow = window.slideshow;
  if (!deck || !slideshow || !deck.dataset.liveEvents || !window.EventSource) return;

  const isPresenter = deck.dataset.role === "presenter";
  const isProjector = /^deck-audience:/.test(window.name);  // the presenter's audience window
  const identity = document.getElementById("live-identity");  // only a logged-in reader's page
  const csrf = identity ? identity.dataset.csrf : "";
  const boardUrl = deck.dataset.liveBoard;
  let live = false;          // the presenter moved lately
  let livePosition = 0;      // the presenter's slide
  let boardShown = false;    // the presenter shows the board full screen
  let following = new URLSearchParams(window.location.search).get("follow") === "1";
  let applying = false;      // a move of ours, not the reader's
  const contributions = new Map();  // id -> data, as the stream sent them

  const element = (tag, className, text) => {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  };

  const isDiscussion = (k) => {
    const slide = slideshow.slides[k - 1];
    if (!slide) return false;
    const heading = slide.querySelector("h1, h2, h3");
    return slide.classList.contains("discussion")
      || Boolean(heading && /^discussion/i.test(heading.textContent.trim()));
  };

  function send(url, fields) {
    return fetch(url, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "X-CSRFToken": csrf },
      credentials: "same-origin",
    });
  }

  // ------------------------------------------------------------ the bar: Live, Follow

  const bar = element("div", "live-bar");
  bar.hidden = true;
  const badge = element("span", "live-bar__badge", "Live");
  const followButton = element("button", "deck-bar__button live-bar__follow");
  followButton.type = "button";
  bar.append(badge);
  if (!isPresenter) bar.append(followButton);
  document.body.append(bar);

  function renderBar() {
    bar.hidden = !live;
    followButton.textContent = following ? "Following" : "Follow";
    followButton.setAttribute("aria-pressed", String(following));
    followButton.title = following ? "Your slides move with the presenter's" : "Go to the presenter's slide and move with it";
  }

  function follow(on) {
    following = on;
    if (on && live && livePosition) goLive();
    renderBar();
  }

  function goLive() {
    applying = true;
    try { slideshow.show(livePosition, { history: "replace", broadcast: false }); } finally { applying = false; }
  }

  // ------------------------------------------------------------ the board

  const board = element("aside", "live-board");
  board.hidden = true;
  board.setAttribute("aria-label", "Discussion board");
  const boardTitle = element("h2", "live-board__title", "Discussion board");
  const list = element("ul", "live-board__list");
  board.append(boardTitle, list);
  let form = null;
  if (csrf && !isPresenter) {
    form = element("form", "live-board__form");
    const text = element("textarea", "live-board__text");
    Object.assign(text, { name: "text", maxLength: 280, rows: 2, required: true, placeholder: "Your answer (280 characters)" });
    text.setAttribute("aria-label", "Your answer");
    const submit = element("button", "deck-bar__button", "Post");
    submit.type = "submit";
    const error = element("p", "live-board__error");
    error.setAttribute("role", "alert");
    form.append(text, submit, error);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      const response = await send(boardUrl, { text: text.value, slide: String(slideshow.current) });
      if (response.ok) { text.value = ""; return; }
      const answer = await response.json().catch(() => ({}));
      error.textContent = answer.error || "Your answer could not be posted; try again.";  // text kept
    });
    board.append(form);
  }
  document.body.append(board);

  function renderBoard() {
    const k = slideshow.current;
    // Boards are for the course's people: anonymous readers never get them from the stream.
    const open = isDiscussion(k) && Boolean(csrf) && (isPresenter || live || contributions.size > 0);
    const full = boardShown && (isProjector || following || isPresenter) && k === livePosition;
    board.hidden = !open;
    board.classList.toggle("is-full", full);
    document.body.classList.toggle("has-live-board", open);
    if (!open) return;
    if (form) form.hidden = !live;
    const shown = [...contributions.values()].filter((c) => c.slide === k && !c.hidden)
      .sort((a, b) => (b.pinned - a.pinned) || (b.votes - a.votes) || (a.id - b.id));
    boardTitle.textContent = "Discussion board · " + shown.length + " answer" + (shown.length === 1 ? "" : "s");
    list.replaceChildren(...shown.map(item));
  }

  function item(c) {
    const row = element("li", "live-board__item" + (c.pinned ? " is-pinned" : ""));
    row.dataset.id = c.id;
    row.append(element("p", "live-board__words", c.text));
    const votes = element("button", "live-board__vote", "▲ " + c.votes);
    votes.type = "button";
    votes.dataset.vote = c.id;
    votes.setAttribute("aria-label", "Upvote (" + c.votes + ")");
    votes.disabled = !csrf || isPresenter;
    row.append(votes);
    if (isPresenter) {
      row.append(control("pin", c.id, c.pinned ? "Unpin" : "Pin", { pinned: c.pinned ? "0" : "1" }));
      row.append(control("hide", c.id, "Hide", { hidden: "1" }));
    }
    return row;
  }

  function control(name, id, label, fields) {
    const button = element("button", "live-board__control", label);
    button.type = "button";
    button.addEventListener("click", () => send(boardUrl + "/" + id + "/moderate", fields));
    return button;
  }

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-vote]");
    if (!button || button.disabled) return;
    button.disabled = true;  // once each: the server refuses a second upvote anyway
    send(boardUrl + "/" + button.dataset.vote + "/upvote", {});
  });

  // ------------------------------------------------------------ the stream

  function onSlide(event) {
    const data = JSON.parse(event.data);
    live = Boolean(data.live);
    livePosition = Number(data.slide);
    boardShown = Boolean(data.board);
    if (following && live && !isPresenter && livePosition !== slideshow.current) goLive();
    renderBar();
    renderBoard();
  }

  function onBoard(event) {
    const data = JSON.parse(event.data);
    contributions.set(data.id, data);
    renderBoard();
  }

  // last_event_id=0: the first connection also brings the board so far; a reconnection sends
  // the Last-Event-ID header instead, which the server prefers.
  const source = new EventSource(deck.dataset.liveEvents + "?last_event_id=0");
  source.addEventListener("slide", onSlide);
  source.addEventListener("board", onBoard);
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) { live = false; renderBar(); }
  });

  // ------------------------------------------------------------ moves

  // One move in flight at a time, then the latest: two posts sent together may be stored in
  // either order, and the class would stay on the slide before the last.
  let posting = false;
  let nextMove = null;

  function postPosition() {
    nextMove = { slide: String(slideshow.current), board: boardShown ? "1" : "0" };
    if (!posting) postNextMove();
  }

  function postNextMove() {
    const move = nextMove;
    nextMove = null;
    posting = true;
    send(deck.dataset.livePosition, move)
      .catch(() => {})  // a lost move is made good by the next one
      .finally(() => {
        posting = false;
        if (nextMove) postNextMove();
      });
  }

  deck.addEventListener("slidechange", (event) => {
    if (isPresenter) {
      boardShown = false;  // a new slide is shown as itself first
      postPosition();
    } else if (!applying && following && event.detail.index !== livePosition) {
      follow(false);  // she navigates herself: one tap on Follow brings her back
    }
    renderBoard();
  });

  followButton.addEventListener("click", () => follow(!following));

  if (isPresenter) {
    document.addEventListener("keydown", (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target.closest("input, textarea, select, [contenteditable], dialog")) return;
      if (event.key.toLowerCase() !== "d" || !isDiscussion(slideshow.current)) return;
      boardShown = !boardShown;  // d: the board fills the projected slide, or leaves it
      postPosition();
      renderBoard();
      event.preventDefault();
    });
    postPosition();  // opening the presenter view starts the live session
  }
  renderBar();
  renderBoard();
})();
