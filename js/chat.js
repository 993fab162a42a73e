// @ts-check
/**
 * ChatView: the streaming reply of one %%nemo message.
 *
 * @typedef {{ id: string, name: string, status: "running" | "done" | "error", elapsed: number }} Tool
 * @typedef {{ text: string, name: string, href: string, path: string }} FileEntry
 * @typedef {{
 *   prompt: string, session: string, text: string, tools: Tool[], notice: string,
 *   changes: string[], files: FileEntry[], silent: boolean, error: string, status: string,
 *   progress: number, progress_label: string, cancellable: boolean
 * }} ChatState
 * @typedef {{ get<K extends keyof ChatState>(key: K): ChatState[K], on(event: string, cb: Function): void,
 *   off(event: string, cb: Function): void, send(msg: any): void }} Model
 */

const CSS = `
.nemo-chat { --nemo-fg: var(--jp-content-font-color1, #1f2328); --nemo-muted: var(--jp-content-font-color2, #59636e);
  --nemo-bg: var(--jp-layout-color1, #ffffff); --nemo-bg2: var(--jp-layout-color2, #f3f4f6);
  --nemo-border: var(--jp-border-color2, #d0d7de); --nemo-accent: var(--jp-brand-color1, #2f6fdd);
  --nemo-ok: var(--jp-success-color1, #2e7d32); --nemo-err: var(--jp-error-color1, #d32f2f);
  font-family: var(--jp-content-font-family, system-ui, sans-serif); font-size: var(--jp-content-font-size1, 14px);
  color: var(--nemo-fg); background: var(--nemo-bg); border: 1px solid var(--nemo-border); border-radius: 8px;
  padding: 10px 12px; max-width: 880px; box-sizing: border-box; }
.nemo-chat-head { display: flex; gap: 8px; align-items: baseline; margin-bottom: 6px; }
.nemo-prompt { font-weight: 600; flex: 1; white-space: pre-wrap; overflow-wrap: anywhere; }
.nemo-session { font-size: 11px; color: var(--nemo-muted); background: var(--nemo-bg2); border-radius: 10px; padding: 1px 8px; }
.nemo-chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0; }
.nemo-chip { display: inline-flex; align-items: center; gap: 5px; font-size: 12px; padding: 2px 9px; border-radius: 12px;
  border: 1px solid var(--nemo-border); background: var(--nemo-bg2); color: var(--nemo-muted); }
.nemo-chip[data-status=running] { color: var(--nemo-accent); border-color: var(--nemo-accent); }
.nemo-chip[data-status=running]::before { content: ""; width: 7px; height: 7px; border-radius: 50%; background: currentColor;
  animation: nemo-pulse 1s ease-in-out infinite; }
.nemo-chip[data-status=done]::before { content: "✓"; color: var(--nemo-ok); }
.nemo-chip[data-status=error]::before { content: "✕"; color: var(--nemo-err); }
@keyframes nemo-pulse { 50% { opacity: .25; } }
.nemo-chat-text { line-height: 1.5; overflow-wrap: anywhere; }
.nemo-chat-text p { margin: 4px 0; }
.nemo-chat-block { content-visibility: auto; contain-intrinsic-size: auto 1.5em; }
.nemo-chat-live { white-space: pre-wrap; margin: 4px 0; }
.nemo-chat-text code { background: var(--nemo-bg2); padding: 0 4px; border-radius: 4px; font-size: 90%; }
.nemo-chat-text pre { background: var(--nemo-bg2); padding: 8px; border-radius: 6px; overflow-x: auto; }
.nemo-chat-text pre code { background: none; padding: 0; }
.nemo-chat-text a { color: var(--nemo-accent); }
.nemo-notice { color: var(--nemo-muted); font-style: italic; margin: 4px 0; }
.nemo-changes { margin: 6px 0; padding: 6px 10px 6px 26px; background: var(--nemo-bg2); border-radius: 6px; }
.nemo-file { margin: 6px 0; padding: 6px 10px; border-left: 3px solid var(--nemo-ok); background: var(--nemo-bg2);
  border-radius: 0 6px 6px 0; overflow-wrap: anywhere; }
.nemo-file a { color: var(--nemo-accent); font-weight: 600; }
.nemo-progress { display: flex; align-items: center; gap: 8px; margin: 6px 0; font-size: 12px; color: var(--nemo-muted); }
.nemo-progress-bar { flex: 1; height: 6px; background: var(--nemo-bg2); border-radius: 3px; overflow: hidden; }
.nemo-progress-bar > div { height: 100%; background: var(--nemo-accent); transition: width .3s; }
.nemo-error { color: var(--nemo-err); margin: 4px 0; }
.nemo-actions { display: flex; align-items: center; gap: 10px; margin-top: 6px; font-size: 12px; color: var(--nemo-muted); }
.nemo-cancel { font: inherit; padding: 2px 12px; border-radius: 6px; border: 1px solid var(--nemo-border);
  background: var(--nemo-bg); color: var(--nemo-fg); cursor: pointer; }
.nemo-cancel:hover { border-color: var(--nemo-err); color: var(--nemo-err); }
.nemo-chat [hidden] { display: none !important; }
`;

/** @param {string} s */
export function escapeHtml(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * Inline markdown on one line of raw text: code, bold, italics, links (http/https/mailto only).
 * @param {string} raw
 */
export function renderInline(raw) {
  /** @type {string[]} */
  const held = [];
  /** @param {string} markup */
  const hold = (markup) => {
    held.push(markup);
    return `\u0000${held.length - 1}\u0000`;
  };
  let s = raw.replace(/\u0000/g, "").replace(/`([^`]+)`/g, (_, code) => hold(`<code>${escapeHtml(code)}</code>`));
  s = escapeHtml(s);
  // A link's URL is set aside before emphasis, so `_word_` or `*` inside it stays part of the URL.
  s = s.replace(/\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/g,
    (_, label, url) => `<a href="${hold(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`);
  s = s.replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_, a, b) => `<strong>${a ?? b}</strong>`);
  s = s.replace(/(^|[^*\w])\*([^*\s][^*]*?)\*(?!\*)|(^|[^_\w])_([^_\s][^_]*?)_(?![_\w])/g,
    (_, p1, a, p2, b) => `${p1 ?? p2}<em>${a ?? b}</em>`);
  return s.replace(/\u0000(\d+)\u0000/g, (_, i) => held[Number(i)]);
}

/**
 * A small safe markdown renderer: paragraphs, headings, lists, fenced code; all HTML escaped.
 * @param {string} src
 * @returns {string}
 */
export function renderMarkdown(src) {
  const lines = src.replace(/\r\n?/g, "\n").split("\n");
  /** @type {string[]} */
  const out = [];
  /** @type {string[]} */
  let para = [];
  /** @type {{ tag: string, items: string[] } | null} */
  let list = null;
  const flushPara = () => {
    if (para.length) out.push(`<p>${para.map(renderInline).join("<br>")}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${renderInline(i)}</li>`).join("")}</${list.tag}>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^\s*```/);
    if (fence) {
      flushPara(); flushList();
      const body = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) body.push(lines[i]);
      out.push(`<pre><code>${escapeHtml(body.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    const bullet = line.match(/^\s*[-*+]\s+(.*)$/);
    const numbered = line.match(/^\s*\d+[.)]\s+(.*)$/);
    if (heading) {
      flushPara(); flushList();
      const level = Math.min(heading[1].length + 2, 6);
      out.push(`<h${level}>${renderInline(heading[2])}</h${level}>`);
    } else if (bullet || numbered) {
      flushPara();
      const tag = bullet ? "ul" : "ol";
      if (list && list.tag !== tag) flushList();
      if (!list) list = { tag, items: [] };
      list.items.push((bullet ?? numbered)?.[1] ?? "");
    } else if (!line.trim()) {
      flushPara(); flushList();
    } else {
      flushList();
      para.push(line);
    }
  }
  flushPara(); flushList();
  return out.join("");
}

const NON_SPACE = /\S/g;

/**
 * One complete line of `src` starting at `start`: where the next begins, whether it is blank, and
 * whether it opens or closes a code fence. `null` when the line has not ended yet.
 * @param {string} src @param {number} start
 */
function scanLine(src, start) {
  const nl = src.indexOf("\n", start);
  if (nl === -1) return null;
  NON_SPACE.lastIndex = start;
  const first = NON_SPACE.exec(src)?.index ?? src.length;
  return { next: nl + 1, blank: first >= nl, fence: first < nl && src.startsWith("```", first) };
}

/**
 * @typedef {{ at: number, fence: boolean, settled: number }} LineState where reading stopped (a line
 *   start), whether that is inside a code fence, and where the settled part of the text ends
 */

/**
 * Reads the complete lines of `src` from `state.at` on. The settled part ends just after the last
 * blank line outside a code fence: everything before it renders the same whatever follows, so it is
 * drawn once; only the rest is redrawn as text arrives. Each line is read once however often this runs.
 * @param {string} src @param {LineState} [state]
 * @returns {LineState}
 */
export function readLines(src, state = { at: 0, fence: false, settled: 0 }) {
  let { at, fence, settled } = state;
  for (let line = scanLine(src, at); line; line = scanLine(src, at)) {
    if (line.fence) fence = !fence;
    else if (!fence && line.blank) settled = line.next;
    at = line.next;
  }
  return { at, fence, settled };
}

/**
 * Where the next drawn block of settled text ends: the first paragraph break (a blank line outside a
 * fence) at least `size` characters after `from` that leaves at least half that much before `to`,
 * else `to`. `from` and `to` are breaks themselves, so each block renders alone as it does in the whole.
 * @param {string} src @param {number} from @param {number} to @param {number} size
 */
export function nextCut(src, from, to, size) {
  if (to - from < size * 1.5) return to;
  let fence = false;
  let at = from;
  for (let line = scanLine(src, at); line && line.next <= to; line = scanLine(src, at)) {
    if (line.fence) fence = !fence;
    else if (!fence && line.blank && line.next - from >= size) return to - line.next >= size / 2 ? line.next : to;
    at = line.next;
  }
  return to;
}

/**
 * What a piece of text placed at `at` does to the text shown: continue it, replace it, or (when it
 * starts past what is shown) call for the whole text again. A whole text that merely repeats what
 * is shown, as a late resync reply does, only adds its new end, so nothing already drawn is redrawn.
 * @param {string} shown @param {number} at @param {string} text
 * @returns {{ kind: "append" | "reset", text: string } | { kind: "resync" }}
 */
export function textStep(shown, at, text) {
  if (at === shown.length) return { kind: "append", text };
  if (at !== 0) return { kind: "resync" };
  if (text.startsWith(shown)) return { kind: "append", text: text.slice(shown.length) };
  return { kind: "reset", text };
}

/**
 * A link for a file the message wrote: relative paths and http(s) URLs only, nothing else.
 * @param {string} href
 */
export function safeHref(href) {
  if (!href) return "";
  if (/^https?:\/\//i.test(href)) return href;
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//") ? "" : href;
}

/** @param {number} seconds */
export function formatElapsed(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 0.1) return `${Math.max(1, Math.round(seconds * 1000))} ms`;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${String(Math.round(seconds - m * 60)).padStart(2, "0")} s`;
}

/** @param {string} name */
export function toolLabel(name) {
  return name.replace(/_with_\w+$/, "").replace(/_/g, " ");
}

const STATUS_TEXT = /** @type {Record<string, string>} */ ({
  streaming: "working…", exporting: "exporting…", done: "", cancelled: "cancelled", error: "failed", idle: "",
});

/** @param {string} state */
const isBusy = (state) => state === "streaming" || state === "exporting";

/**
 * The status line. A cell that holds the kernel cannot receive a Cancel click until it ends, so
 * there the line says how to stop it instead.
 * @param {string} state @param {boolean} cancellable
 */
export function statusText(state, cancellable) {
  const text = STATUS_TEXT[state] ?? state;
  return isBusy(state) && !cancellable ? `${text} · interrupt the kernel (■) to stop` : text;
}

/** @param {string} tag @param {string} cls */
function div(tag, cls) {
  const node = document.createElement(tag);
  node.className = cls;
  return node;
}

/** Most settled text drawn at once; more waits for the next frame, so no frame waits on a long text. */
const DRAW_CHARS = 16384;
/** Settled text is drawn in blocks of about this size, so blocks off screen cost no layout or paint. */
const BLOCK_CHARS = 4096;
/** A live tail longer than this (a long paragraph, list or code block still arriving) shows as plain
 * text, extended in place, until it settles or the reply ends. */
const LIVE_MARKDOWN_CHARS = 8192;

/** While text streams, a long reply's box grows in steps of this many pixels, not with every update, so
 * the page below it (and the notebook's own bookkeeping of cell sizes) moves a few times, not each time. */
export const GROW_STEP_PX = 480;

/**
 * The height a streaming reply's box keeps for text of height `height`: none while it is short, else
 * the next whole step, so further text fills the space before the box grows again.
 * @param {number} height
 */
export function reservedHeight(height) {
  return height < GROW_STEP_PX ? 0 : Math.ceil((height + 1) / GROW_STEP_PX) * GROW_STEP_PX;
}

/**
 * Draws a reply's text into `outer` as it grows: settled blocks, each drawn once and never touched
 * again, then the live tail, redrawn on each arrival. A whole new text keeps the blocks it repeats.
 * @param {HTMLElement} outer
 */
function textDrawer(outer) {
  const box = div("div", "nemo-chat-flow");
  const tail = div("div", "nemo-chat-tail");
  tail.style.display = "contents";
  box.append(tail);
  outer.replaceChildren(box);
  let shown = "";
  /** @type {LineState} */
  let lines = { at: 0, fence: false, settled: 0 };
  /** @type {{ end: number, node: HTMLElement }[]} blocks drawn, in order; the last ends at `drawn` */
  let blocks = [];
  let drawn = 0;
  let busy = true;
  /** @type {Text | null} the plain-text tail and where it starts, while it is one */
  let plain = null;
  let plainFrom = -1;
  let waiting = 0;
  let stopped = false;
  // The text's own height, read after layout (never forcing one), sets the space the box keeps.
  let reserved = 0;
  const reserve = (/** @type {number} */ px) => {
    if (px !== reserved) outer.style.minHeight = px ? `${px}px` : "";
    reserved = px;
  };
  const sizes = new ResizeObserver((entries) => {
    if (busy) reserve(reservedHeight(entries[entries.length - 1].contentRect.height));
  });
  sizes.observe(box);

  let tailKey = "";
  const drawTail = () => {
    const from = lines.settled;
    const plainNow = busy && shown.length - from > LIVE_MARKDOWN_CHARS;
    // The same tail drawn the same way is left alone: no DOM change, no new frame of work.
    const key = drawn < from ? "" : `${from}:${shown.length}:${plainNow}`;
    if (key === tailKey && key) return;
    tailKey = key;
    if (drawn < from) {
      tail.replaceChildren();
      plain = null;
    } else if (plainNow) {
      if (plain && plainFrom === from) plain.appendData(shown.slice(from + plain.length));
      else {
        plain = document.createTextNode(shown.slice(from));
        plainFrom = from;
        const para = div("p", "nemo-chat-live");
        para.append(plain);
        tail.replaceChildren(para);
      }
    } else {
      plain = null;
      tail.innerHTML = renderMarkdown(shown.slice(from));
    }
  };
  const draw = () => {
    waiting = 0;
    if (stopped) return;
    const fresh = document.createDocumentFragment();
    for (let budget = DRAW_CHARS; drawn < lines.settled && budget > 0;) {
      const end = nextCut(shown, drawn, lines.settled, BLOCK_CHARS);
      const node = div("div", "nemo-chat-block");
      node.innerHTML = renderMarkdown(shown.slice(drawn, end));
      fresh.append(node);
      blocks.push({ end, node });
      budget -= end - drawn;
      drawn = end;
    }
    if (fresh.childNodes.length) box.insertBefore(fresh, tail);
    if (drawn < lines.settled) waiting = requestAnimationFrame(() => setTimeout(draw, 0));
    drawTail();
  };
  return {
    text: () => shown,
    /** @param {string} added */
    append(added) {
      if (!added && shown) return;
      shown += added;
      lines = readLines(shown, lines);
      if (!waiting) draw();
      else drawTail();
    },
    /** @param {string} whole */
    reset(whole) {
      let same = 0;
      const most = Math.min(shown.length, whole.length);
      while (same < most && shown.charCodeAt(same) === whole.charCodeAt(same)) same++;
      let keep = 0;
      while (keep < blocks.length && blocks[keep].end <= same) keep++;
      if (keep === 0) box.replaceChildren(tail);
      else for (const block of blocks.slice(keep)) block.node.remove();
      blocks = blocks.slice(0, keep);
      drawn = keep ? blocks[keep - 1].end : 0;
      shown = "";
      lines = { at: drawn, fence: false, settled: drawn };
      plain = null;
      tailKey = "";
      this.append(whole);
    },
    /** Whether more text may come; when none will, a plain-text tail is drawn as markdown. @param {boolean} more */
    live(more) {
      if (more === busy) return;
      busy = more;
      if (!busy) reserve(0);
      if (!waiting) drawTail();
    },
    stop() {
      stopped = true;
      sizes.disconnect();
    },
  };
}

/** @param {{ model: Model, el: HTMLElement }} ctx */
function render({ model, el }) {
  const root = div("div", "nemo-chat");
  const style = document.createElement("style");
  style.textContent = CSS;
  const head = div("div", "nemo-chat-head");
  const prompt = div("div", "nemo-prompt");
  const session = div("span", "nemo-session");
  head.append(prompt, session);
  const chips = div("div", "nemo-chips");
  const text = div("div", "nemo-chat-text");
  const notice = div("div", "nemo-notice");
  const changes = div("ul", "nemo-changes");
  const files = div("div", "nemo-files");
  const progress = div("div", "nemo-progress");
  const bar = div("div", "nemo-progress-bar");
  const fill = document.createElement("div");
  const progressLabel = document.createElement("span");
  bar.append(fill);
  progress.append(bar, progressLabel);
  const error = div("div", "nemo-error");
  const actions = div("div", "nemo-actions");
  const cancel = /** @type {HTMLButtonElement} */ (div("button", "nemo-cancel"));
  cancel.type = "button";
  cancel.textContent = "Cancel";
  const status = div("span", "nemo-status");
  actions.append(cancel, status);
  root.append(style, head, chips, text, notice, changes, files, progress, error, actions);
  el.append(root);

  /** @type {Map<string, number>} local time each running chip was last synced */
  const seen = new Map();
  const paintChips = () => {
    const now = performance.now();
    chips.replaceChildren(...model.get("tools").map((tool) => {
      const chip = div("span", "nemo-chip");
      chip.dataset.status = tool.status;
      chip.dataset.name = tool.name;
      let elapsed = tool.elapsed;
      if (tool.status === "running") elapsed += (now - (seen.get(tool.id) ?? now)) / 1000;
      chip.textContent = `${toolLabel(tool.name)} · ${formatElapsed(elapsed)}`;
      chip.title = tool.name;
      return chip;
    }));
  };
  const onTools = () => {
    const now = performance.now();
    for (const tool of model.get("tools")) if (tool.status === "running") seen.set(tool.id, now);
    paintChips();
  };
  const drawer = textDrawer(text);
  /** @param {number} at @param {string} added */
  const take = (at, added) => {
    const step = textStep(drawer.text(), at, added);
    if (step.kind === "append") drawer.append(step.text);
    else if (step.kind === "reset") drawer.reset(step.text);
    else model.send({ type: "resync" });
  };
  const onText = () => take(0, model.get("text"));
  const onMessage = (/** @type {any} */ msg) => {
    if (msg?.type === "append" && typeof msg.text === "string" && typeof msg.at === "number") take(msg.at, msg.text);
  };
  const onRest = () => {
    prompt.textContent = model.get("prompt");
    session.textContent = model.get("session");
    session.hidden = !model.get("session");
    notice.textContent = model.get("notice");
    notice.hidden = !model.get("notice");
    const lines = model.get("changes");
    changes.replaceChildren(...lines.map((line) => {
      const li = document.createElement("li");
      li.textContent = line;
      return li;
    }));
    changes.hidden = lines.length === 0;
    files.replaceChildren(...model.get("files").map((entry) => {
      const line = div("div", "nemo-file");
      const href = safeHref(entry.href);
      const link = document.createElement(href ? "a" : "code");
      link.textContent = entry.name || entry.path;
      if (href) Object.assign(link, { href, target: "_blank", rel: "noopener", title: entry.path });
      line.append(`${entry.text} → `, link);
      return line;
    }));
    error.textContent = model.get("error");
    error.hidden = !model.get("error");
    const pct = model.get("progress");
    progress.hidden = pct < 0;
    fill.style.width = `${Math.max(0, Math.min(100, pct))}%`;
    progressLabel.textContent = model.get("progress_label") || `${Math.round(pct)}%`;
    const state = model.get("status");
    root.dataset.status = state;
    drawer.live(isBusy(state));
    status.textContent = statusText(state, model.get("cancellable"));
    cancel.hidden = !(isBusy(state) && model.get("cancellable"));
    actions.hidden = !status.textContent && cancel.hidden;
  };
  const onCancel = () => {
    cancel.disabled = true;
    cancel.textContent = "Cancelling…";
    model.send({ type: "cancel" });
  };
  cancel.addEventListener("click", onCancel);
  const timer = setInterval(() => {
    if (model.get("tools").some((t) => t.status === "running")) paintChips();
  }, 500);
  const keys = ["prompt", "session", "notice", "changes", "files", "error", "progress", "progress_label", "status", "cancellable"];
  model.on("change:text", onText);
  model.on("msg:custom", onMessage);
  model.on("change:tools", onTools);
  for (const key of keys) model.on(`change:${key}`, onRest);
  drawer.reset(model.get("text"));
  onTools(); onRest();
  if (isBusy(model.get("status"))) model.send({ type: "resync" });
  return () => {
    clearInterval(timer);
    drawer.stop();
    cancel.removeEventListener("click", onCancel);
    model.off("change:text", onText);
    model.off("msg:custom", onMessage);
    model.off("change:tools", onTools);
    for (const key of keys) model.off(`change:${key}`, onRest);
  };
}

export default { render };
