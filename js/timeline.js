// @ts-check
/**
 * TimelineView: one lane per track, segments as blocks on a time ruler, a playhead.
 *
 * @typedef {{ id: string, start: number, duration: number, label: string, src?: string,
 *   text?: string, volume?: number | null, details?: Record<string, string> }} Segment
 * @typedef {{ id: string, type: string, name: string, segments: Segment[] }} Track
 * @typedef {{ duration: number, title?: string, width?: number, height?: number, tracks: Track[],
 *   colors?: Record<string, string>, label_color?: string }} TimelineData
 * @typedef {{ data: TimelineData, current_time: number }} TimelineState
 * @typedef {{ get<K extends keyof TimelineState>(key: K): TimelineState[K],
 *   set<K extends keyof TimelineState>(key: K, value: TimelineState[K]): void, save_changes(): void,
 *   on(event: string, cb: Function): void, off(event: string, cb: Function): void }} Model
 * @typedef {{ seg: Segment, x: number, w: number, row: number }} Block
 * @typedef {{ track: Track, rows: number, blocks: Block[] }} Lane
 * @typedef {{ t: number, x: number, text: string, right: boolean }} RulerLabel
 */

const LABEL_W = 96;
const ROW_H = 26;
const RULER_H = 18;
/** Lane colour when the data names none (the palette comes from Python with the data). */
const FALLBACK_COLOR = "#4b5563";

const CSS = `
.nemo-timeline { --nemo-fg: var(--jp-content-font-color1, #1f2328); --nemo-muted: var(--jp-content-font-color2, #59636e);
  --nemo-bg: var(--jp-layout-color1, #ffffff); --nemo-bg2: var(--jp-layout-color2, #f3f4f6);
  --nemo-border: var(--jp-border-color2, #d0d7de);
  position: relative; font-family: var(--jp-ui-font-family, system-ui, sans-serif); font-size: 12px; color: var(--nemo-fg);
  background: var(--nemo-bg); border: 1px solid var(--nemo-border); border-radius: 8px; padding: 8px 10px 10px;
  max-width: 880px; box-sizing: border-box; user-select: none; }
.nemo-tl-head { display: flex; justify-content: space-between; margin-bottom: 4px; color: var(--nemo-muted); }
.nemo-tl-head b { color: var(--nemo-fg); }
.nemo-tl-body { position: relative; }
.nemo-ruler { position: relative; height: ${RULER_H}px; margin-left: ${LABEL_W}px; border-bottom: 1px solid var(--nemo-border); cursor: pointer; }
.nemo-tick { position: absolute; bottom: 0; height: 5px; border-left: 1px solid var(--nemo-border); }
.nemo-tick span { position: absolute; bottom: 6px; left: 2px; font-size: 10px; color: var(--nemo-muted); white-space: nowrap; }
.nemo-tick span.nemo-right { left: auto; right: 2px; }
.nemo-lane { display: flex; border-bottom: 1px dashed var(--nemo-border); }
.nemo-lane-label { width: ${LABEL_W}px; flex: none; padding: 4px 6px 0 0; box-sizing: border-box; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; color: var(--nemo-muted); }
.nemo-lane-label::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 2px; margin-right: 5px;
  background: var(--lane-color); }
.nemo-lane-track { position: relative; flex: 1; cursor: pointer; }
.nemo-lane { --lane-color: ${FALLBACK_COLOR}; }
.nemo-seg { position: absolute; height: ${ROW_H - 4}px; box-sizing: border-box; border-radius: 4px; padding: 0 6px;
  overflow: hidden; white-space: nowrap; text-overflow: ellipsis; line-height: ${ROW_H - 7}px; color: var(--seg-label, #fff);
  background: var(--lane-color); border: 1px solid rgba(0,0,0,.15); font-size: 11px; }
.nemo-seg:hover { filter: brightness(1.12); box-shadow: 0 0 0 2px var(--nemo-fg) inset; }
.nemo-seg-vol { position: absolute; left: 0; bottom: 0; height: 3px; background: var(--seg-label, #fff); opacity: .85;
  pointer-events: none; }
.nemo-playhead { position: absolute; top: ${RULER_H}px; bottom: 0; width: 2px; margin-left: -1px; background: #dc2626; pointer-events: none; }
.nemo-playhead::before { content: ""; position: absolute; top: 0; left: -4px; border: 5px solid transparent; border-top-color: #dc2626; }
.nemo-tip { position: absolute; z-index: 10; pointer-events: none; background: var(--nemo-bg); color: var(--nemo-fg);
  border: 1px solid var(--nemo-border); border-radius: 6px; padding: 6px 8px; box-shadow: 0 4px 14px rgba(0,0,0,.18);
  max-width: min(460px, 90%); white-space: normal; line-height: 1.35; }
.nemo-tip b { display: block; margin-bottom: 2px; }
.nemo-tip div { color: var(--nemo-muted); }
.nemo-empty { color: var(--nemo-muted); padding: 10px 0; }
.nemo-timeline [hidden] { display: none !important; }
`;

/**
 * "0:03", "1:05.5", "1:02:03": minutes always shown, a tenth only when the time has one.
 * @param {number} seconds
 */
export function formatTime(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) seconds = 0;
  const tenths = Math.round(seconds * 10);
  const whole = Math.floor(tenths / 10);
  const frac = tenths % 10;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, "0") + (frac ? `.${frac}` : "");
  return h ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/**
 * The ruler's tick step: the smallest "nice" step that keeps labels at least `minGap` px apart.
 * @param {number} duration @param {number} width @param {number} [minGap]
 */
export function tickStep(duration, width, minGap = 56) {
  const steps = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
  if (duration <= 0 || width <= 0) return 1;
  for (const step of steps) if ((step / duration) * width >= minGap) return step;
  return steps[steps.length - 1];
}

/**
 * The ruler's labels, each kept only when it clears the one before by `gap` px; labels near the
 * end hang left of their tick, and the last tick's label wins over a crowding neighbour.
 * @param {number} duration @param {number} width @param {number} step
 * @param {{ charWidth?: number, gap?: number }} [opts]
 * @returns {RulerLabel[]}
 */
export function rulerLabels(duration, width, step, opts = {}) {
  const charWidth = opts.charWidth ?? 6;
  const gap = opts.gap ?? 8;
  const all = [];
  for (let t = 0; t <= duration + 1e-6 && all.length < 400; t += step) {
    const x = duration > 0 ? (t / duration) * width : 0;
    const text = formatTime(t);
    const w = text.length * charWidth;
    const right = x + 2 + w > width;
    all.push({ t, x, text, right, from: right ? x - 2 - w : x + 2, to: right ? x - 2 : x + 2 + w });
  }
  /** @type {typeof all} */
  const kept = [];
  for (const label of all) {
    const last = kept[kept.length - 1];
    if (last && label.from < last.to + gap) {
      if (label === all[all.length - 1] && kept.length > 1) kept.pop();
      else continue;
    }
    kept.push(label);
  }
  return kept.map(({ t, x, text, right }) => ({ t, x, text, right }));
}

/**
 * Place each track's segments: x and width from start and duration, a minimum width, and
 * overlapping segments stacked on extra rows within the track's lane.
 * @param {TimelineData} data @param {number} width @param {{ minWidth?: number }} [opts]
 * @returns {Lane[]}
 */
export function layoutLanes(data, width, opts = {}) {
  const minWidth = opts.minWidth ?? 4;
  const end = Math.max(data.duration || 0,
    ...data.tracks.flatMap((t) => t.segments.map((s) => s.start + s.duration)), 0);
  const scale = end > 0 ? width / end : 0;
  return data.tracks.map((track) => {
    /** @type {number[]} end time of the last segment on each row */
    const rowEnds = [];
    const sorted = [...track.segments].sort((a, b) => a.start - b.start || b.duration - a.duration);
    const blocks = sorted.map((seg) => {
      let row = rowEnds.findIndex((e) => e <= seg.start + 1e-6);
      if (row === -1) row = rowEnds.push(0) - 1;
      rowEnds[row] = seg.start + seg.duration;
      const w = Math.min(width, Math.max(minWidth, seg.duration * scale));
      const x = Math.max(0, Math.min(seg.start * scale, width - w));
      return { seg, x, w, row };
    });
    return { track, rows: Math.max(1, rowEnds.length), blocks };
  });
}

/**
 * Where the tooltip goes: beside the pointer, flipped above or left so it stays inside the widget
 * (notebook output areas clip what overflows them).
 * @param {number} x @param {number} y @param {number} w @param {number} h @param {number} boxW @param {number} boxH
 */
export function tipPosition(x, y, w, h, boxW, boxH) {
  const gap = 12;
  let left = x + gap;
  if (left + w > boxW) left = Math.max(0, x - gap - w);
  let top = y + gap;
  if (top + h > boxH) top = y - gap - h;
  if (top < 0) top = Math.max(0, boxH - h);
  return { x: left, y: top };
}

/** @param {Segment} seg @param {Track} track */
function tipHtml(seg, track) {
  const esc = (/** @type {string} */ s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const facts = [`${formatTime(seg.start)}–${formatTime(seg.start + seg.duration)}`];
  if (seg.text && seg.text !== seg.label) facts.push(`“${seg.text}”`);
  if (seg.volume != null) facts.push(`volume ${Math.round(seg.volume * 100)}%`);
  for (const [k, v] of Object.entries(seg.details ?? {})) facts.push(`${k} ${v}`);
  return `<b>${esc(track.name)}: ${esc(seg.label || seg.text || seg.id)}</b><div>${esc(facts.join(" · "))}</div>`;
}

/** @param {string} tag @param {string} cls */
function node(tag, cls) {
  const n = document.createElement(tag);
  n.className = cls;
  return n;
}

/** @param {{ model: Model, el: HTMLElement }} ctx */
function render({ model, el }) {
  const root = node("div", "nemo-timeline");
  const style = document.createElement("style");
  style.textContent = CSS;
  const head = node("div", "nemo-tl-head");
  const body = node("div", "nemo-tl-body");
  const ruler = node("div", "nemo-ruler");
  const lanes = node("div", "nemo-lanes");
  const playhead = node("div", "nemo-playhead");
  const tip = node("div", "nemo-tip");
  tip.hidden = true;
  body.append(ruler, lanes, playhead);
  root.append(style, head, body, tip);
  el.append(root);

  const trackWidth = () => Math.max(120, (lanes.clientWidth || root.clientWidth || 640) - LABEL_W);
  const total = () => {
    const data = model.get("data");
    return Math.max(data.duration || 0, 0.001);
  };
  const seek = (/** @type {number} */ t) => {
    model.set("current_time", Math.max(0, Math.min(t, total())));
    model.save_changes();
  };
  const seekFromEvent = (/** @type {MouseEvent} */ ev, /** @type {HTMLElement} */ area) => {
    const rect = area.getBoundingClientRect();
    seek(((ev.clientX - rect.left) / Math.max(1, rect.width)) * total());
  };

  const placePlayhead = () => {
    const t = model.get("current_time");
    playhead.style.left = `${LABEL_W + (Math.min(t, total()) / total()) * trackWidth()}px`;
  };

  const draw = () => {
    const data = model.get("data");
    const width = trackWidth();
    const title = document.createElement("b");
    title.textContent = data.title || "Timeline";
    const info = document.createElement("span");
    const size = data.width && data.height ? ` · ${data.width}×${data.height}` : "";
    info.textContent = `${data.tracks.length} tracks · ${formatTime(data.duration)}${size}`;
    head.replaceChildren(title, info);
    const step = tickStep(data.duration, width);
    const ticks = [];
    const labels = new Map(rulerLabels(data.duration, width, step).map((l) => [l.t, l]));
    for (let t = 0; t <= data.duration + 1e-6 && ticks.length < 400; t += step) {
      const tick = node("div", "nemo-tick");
      tick.style.left = `${(t / total()) * width}px`;
      const label = labels.get(t);
      if (label) {
        const span = document.createElement("span");
        span.textContent = label.text;
        if (label.right) span.className = "nemo-right";
        tick.append(span);
      }
      ticks.push(tick);
    }
    ruler.replaceChildren(...ticks);
    const colors = data.colors ?? {};
    root.style.setProperty("--seg-label", data.label_color || "#fff");
    if (!data.tracks.length) {
      const empty = node("div", "nemo-empty");
      empty.textContent = "The timeline is empty.";
      lanes.replaceChildren(empty);
      playhead.hidden = true;
      return;
    }
    playhead.hidden = false;
    lanes.replaceChildren(...layoutLanes(data, width).map((lane) => {
      const row = node("div", "nemo-lane");
      row.dataset.type = lane.track.type;
      row.dataset.track = lane.track.id;
      row.style.setProperty("--lane-color", colors[lane.track.type] ?? colors.other ?? FALLBACK_COLOR);
      const label = node("div", "nemo-lane-label");
      label.textContent = lane.track.name;
      label.title = `${lane.track.name} (${lane.track.type})`;
      const area = node("div", "nemo-lane-track");
      area.style.height = `${lane.rows * ROW_H + 2}px`;
      area.addEventListener("click", (ev) => { if (ev.target === area) seekFromEvent(ev, area); });
      for (const block of lane.blocks) {
        const seg = node("div", "nemo-seg");
        seg.dataset.start = String(block.seg.start);
        seg.dataset.id = block.seg.id;
        seg.style.left = `${block.x}px`;
        seg.style.width = `${block.w}px`;
        seg.style.top = `${block.row * ROW_H + 2}px`;
        const vol = block.seg.volume;
        seg.textContent = block.seg.label || block.seg.text || "";
        if (vol != null) {
          seg.textContent += ` · ${Math.round(vol * 100)}%`;
          const bar = node("div", "nemo-seg-vol");
          bar.style.width = `${Math.max(0, Math.min(1, vol)) * 100}%`;
          seg.append(bar);
        }
        seg.addEventListener("click", () => seek(block.seg.start));
        seg.addEventListener("mouseenter", () => {
          tip.innerHTML = tipHtml(block.seg, lane.track);
          tip.hidden = false;
        });
        seg.addEventListener("mousemove", (ev) => {
          const rect = root.getBoundingClientRect();
          const pos = tipPosition(ev.clientX - rect.left, ev.clientY - rect.top, tip.offsetWidth, tip.offsetHeight, rect.width, rect.height);
          tip.style.left = `${pos.x}px`;
          tip.style.top = `${pos.y}px`;
        });
        seg.addEventListener("mouseleave", () => { tip.hidden = true; });
        area.append(seg);
      }
      row.append(label, area);
      return row;
    }));
    placePlayhead();
  };
  const onRuler = (/** @type {MouseEvent} */ ev) => seekFromEvent(ev, ruler);
  ruler.addEventListener("click", onRuler);
  model.on("change:data", draw);
  model.on("change:current_time", placePlayhead);
  let lastWidth = 0;
  const resize = new ResizeObserver(() => {
    const w = lanes.clientWidth;
    if (w && Math.abs(w - lastWidth) > 1) { lastWidth = w; draw(); }
  });
  resize.observe(root);
  draw();
  return () => {
    resize.disconnect();
    ruler.removeEventListener("click", onRuler);
    model.off("change:data", draw);
    model.off("change:current_time", placePlayhead);
  };
}

export default { render };
