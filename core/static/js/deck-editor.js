/* The admin's deck editor: a live preview of the slide under the cursor, rendered by the server
   with the slideshow's own pipeline, plus the deck's warnings, missing images and program.
   Ctrl/Cmd+S saves; images dropped on the text are uploaded as slide images. */
(() => {
  "use strict";
  const form = document.getElementById("deck-form");
  if (!form) return;
  const source = form.elements.source;
  const lineField = form.elements.line;
  const csrf = form.elements.csrfmiddlewaretoken.value;
  const frame = document.getElementById("deck-preview");
  const status = document.getElementById("deck-status");
  const notes = document.getElementById("deck-notes");
  const warnings = document.getElementById("deck-warnings");
  const missing = document.getElementById("deck-missing");
  const program = document.getElementById("deck-program");
  const programItems = document.getElementById("deck-program-items");
  const programWarning = document.getElementById("deck-program-warning");

  let slideStarts = [1];
  let shownSlide = null;
  let slideHtml = "";
  let timer = null;
  let latestRequest = 0;
  let unsaved = false;

  const cursorLine = () => source.value.slice(0, source.selectionStart).split("\n").length;
  const slideAt = (line) => {
    let slide = 0;
    slideStarts.forEach((start, index) => { if (start <= line) slide = index; });
    return slide;
  };

  function item(text, line) {
    const li = document.createElement("li");
    if (line) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "deck-editor__goto";
      button.dataset.line = line;
      button.textContent = text;
      li.append(button);
    } else {
      li.textContent = text;
    }
    return li;
  }

  function list(element, entries, empty) {
    element.replaceChildren(...(entries.length ? entries : [item(empty)]));
  }

  function paintFrame() {
    const container = frame.contentDocument && frame.contentDocument.getElementById("preview");
    if (!container) return;
    container.innerHTML = slideHtml; // server-rendered, sanitised like the slideshow
    const slide = container.querySelector(".slide");
    if (slide && window.slideFit) window.slideFit(slide);
  }

  function show(data) {
    status.classList.toggle("is-error", !data.ok);
    if (!data.ok) {
      status.textContent = data.error;
      return;
    }
    slideStarts = data.lines.length ? data.lines : [1];
    shownSlide = data.slide_number - 1;
    status.textContent = `Slide ${data.slide_number} of ${data.slide_count}` +
      (data.shown_to_students ? "" : ": not shown by itself (layout or excluded)");
    slideHtml = data.slide_html;
    paintFrame();
    notes.innerHTML = data.notes_html || "<p>No notes on this slide.</p>";
    list(warnings, data.warnings.map((w) => item(w.message, w.line)), "None.");
    list(missing, data.missing_images.map((path) => item(path)), "None: every image resolves.");
    program.hidden = !data.program.length;
    programItems.replaceChildren(...data.program.map((p) =>
      item(`${p.part ? p.part + ": " : ""}${p.kind} ${p.title}${p.presenters ? " (" + p.presenters + ")" : ""}`)));
    programWarning.hidden = !data.program_replaces_edited;
  }

  async function refresh() {
    const request = ++latestRequest;
    const body = new FormData();
    body.append("source", source.value);
    body.append("line", String(cursorLine()));
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST", body, credentials: "same-origin", headers: { "X-CSRFToken": csrf },
      });
      const data = await response.json();
      if (request === latestRequest) show(data);
    } catch (error) {
      if (request === latestRequest) show({ ok: false, error: "The preview is not reachable; your text is still here." });
    }
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }

  function followCursor() {
    lineField.value = cursorLine();
    if (slideAt(cursorLine()) !== shownSlide) schedule(100);
  }

  function goToLine(line) {
    const lines = source.value.split("\n");
    const offset = lines.slice(0, Math.max(0, line - 1)).reduce((sum, text) => sum + text.length + 1, 0);
    source.focus();
    source.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(source).lineHeight) || 20;
    source.scrollTop = Math.max(0, heightOfText(offset) - 2 * lineHeight);
    followCursor();
  }

  /* How tall the text before `offset` is in the text box, wrapped lines included. */
  function heightOfText(offset) {
    const mirror = document.createElement("div");
    const style = getComputedStyle(source);
    ["font", "letterSpacing", "tabSize", "paddingLeft", "paddingRight", "paddingTop"].forEach(
      (property) => { mirror.style[property] = style[property]; });
    Object.assign(mirror.style, {
      position: "absolute", visibility: "hidden", boxSizing: "border-box", whiteSpace: "pre-wrap",
      overflowWrap: "break-word", width: `${source.clientWidth}px`, top: "0", left: "-9999px",
    });
    mirror.textContent = source.value.slice(0, offset);
    document.body.append(mirror);
    const height = mirror.scrollHeight;
    mirror.remove();
    return height;
  }

  async function upload(file) {
    const body = new FormData();
    body.append("image", file);
    status.textContent = `Uploading ${file.name}…`;
    const response = await fetch(form.dataset.uploadUrl, {
      method: "POST", body, credentials: "same-origin", headers: { "X-CSRFToken": csrf },
    });
    const data = await response.json();
    if (!data.ok) {
      status.classList.add("is-error");
      status.textContent = `${file.name} was not uploaded: ${data.error}`;
      return;
    }
    const named = source.value.includes(data.file_name);
    if (!named) {
      const at = source.selectionStart;
      source.setRangeText(`![](${data.file_name})`, at, source.selectionEnd, "end");
      unsaved = true;
    }
    schedule(0);
  }

  source.addEventListener("input", () => { unsaved = true; lineField.value = cursorLine(); schedule(400); });
  ["keyup", "click", "select"].forEach((type) => source.addEventListener(type, followCursor));
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.addEventListener("click", (event) => {
    const target = event.target.closest(".deck-editor__goto");
    if (target) goToLine(Number(target.dataset.line));
  });
  form.addEventListener("submit", () => { unsaved = false; lineField.value = cursorLine(); });
  window.addEventListener("beforeunload", (event) => { if (unsaved) event.preventDefault(); });
  source.addEventListener("dragover", (event) => {
    if (event.dataTransfer && [...event.dataTransfer.types].includes("Files")) {
      event.preventDefault();
      source.classList.add("is-dropping");
    }
  });
  source.addEventListener("dragleave", () => source.classList.remove("is-dropping"));
  source.addEventListener("drop", (event) => {
    const files = [...(event.dataTransfer ? event.dataTransfer.files : [])];
    source.classList.remove("is-dropping");
    if (!files.length) return;
    event.preventDefault();
    files.reduce((done, file) => done.then(() => upload(file)), Promise.resolve());
  });
  frame.addEventListener("load", paintFrame);

  const initial = document.getElementById("deck-preview-data");
  if (initial) show(JSON.parse(initial.textContent));
  goToLine(Number(form.dataset.startLine) || 1);
  window.scrollTo(0, 0);
})();
