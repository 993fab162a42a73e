// @ts-check
/**
 * Player: plays an exported MP4 from its URL, or from bytes sent over the widget channel when the
 * browser cannot reach that URL. current_time and paused are synced both ways; duration reported back.
 *
 * @typedef {{ src_url: string, has_bytes: boolean, mime: string, poster: string, caption: string,
 *   current_time: number, paused: boolean, duration: number, width: number, height: number }} PlayerState
 * @typedef {{ get<K extends keyof PlayerState>(key: K): PlayerState[K],
 *   set<K extends keyof PlayerState>(key: K, value: PlayerState[K]): void, save_changes(): void,
 *   send(msg: any): void, on(event: string, cb: Function): void, off(event: string, cb: Function): void }} Model
 */

/** Seconds of difference below which a model time is treated as the player's own echo. */
export const SEEK_TOLERANCE = 0.25;
/** The largest box a video is shown in, in CSS px; it keeps its own shape inside it. */
export const MAX_BOX = { width: 880, height: 480 };

/**
 * The size to show a `width`×`height` video at: as large as fits the box, never wider than its shape
 * allows, so a 9:16 video is a tall frame rather than a small picture in a wide black box.
 * @param {number} width @param {number} height @param {{ width: number, height: number }} [box]
 * @returns {{ width: number, height: number } | null} null when the shape is unknown
 */
export function frameSize(width, height, box = MAX_BOX) {
  if (!(width > 0 && height > 0)) return null;
  const scale = Math.min(box.width / width, box.height / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

const CSS = `
.nemo-player { font-family: var(--jp-ui-font-family, system-ui, sans-serif); font-size: 12px;
  color: var(--jp-content-font-color2, #59636e); max-width: 880px; }
.nemo-player video { display: block; width: 100%; max-width: 100%; max-height: 480px; background: #000; border-radius: 8px; }
.nemo-player-caption { margin-top: 4px; overflow-wrap: anywhere; }
.nemo-player-error { color: var(--jp-error-color1, #d32f2f); margin-top: 4px; }
.nemo-player [hidden] { display: none !important; }
`;

/**
 * Whether a time from the model should move the video (not just the echo of its own playback).
 * @param {number} videoTime @param {number} modelTime
 */
export function shouldSeek(videoTime, modelTime) {
  return Number.isFinite(modelTime) && Math.abs(videoTime - modelTime) > SEEK_TOLERANCE;
}

/** @param {{ model: Model, el: HTMLElement }} ctx */
function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "nemo-player";
  const style = document.createElement("style");
  style.textContent = CSS;
  const video = document.createElement("video");
  video.controls = true;
  video.playsInline = true;
  video.preload = "metadata";
  const caption = document.createElement("div");
  caption.className = "nemo-player-caption";
  const error = document.createElement("div");
  error.className = "nemo-player-error";
  error.hidden = true;
  root.append(style, video, caption, error);
  el.append(root);

  /** @type {string | null} */
  let blobUrl = null;
  let askedForBytes = false;
  let lastSent = -1;

  const askForBytes = () => {
    if (askedForBytes || !model.get("has_bytes")) return false;
    askedForBytes = true;
    model.send({ type: "bytes" });
    return true;
  };
  const shape = () => {
    const known = model.get("width") > 0 && model.get("height") > 0;
    const size = known ? frameSize(model.get("width"), model.get("height"))
      : frameSize(video.videoWidth, video.videoHeight);
    video.style.width = size ? `${size.width}px` : "";
    video.style.aspectRatio = size ? `${size.width} / ${size.height}` : "";
  };
  const load = () => {
    shape();
    const url = model.get("src_url");
    video.poster = model.get("poster") || "";
    if (url) video.src = url;
    else askForBytes();
  };
  const onMessage = (/** @type {any} */ msg, /** @type {DataView[] | ArrayBuffer[]} */ buffers) => {
    if (msg?.type === "bytes" && buffers?.length) {
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      const parts = buffers.map((b) => (b instanceof DataView ? b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) : b));
      blobUrl = URL.createObjectURL(new Blob(parts, { type: model.get("mime") || "video/mp4" }));
      const at = model.get("current_time");
      video.src = blobUrl;
      if (at > 0) video.currentTime = at;
      error.hidden = true;
    } else if (msg?.type === "error") {
      error.textContent = String(msg.message ?? "The video could not be loaded.");
      error.hidden = false;
    }
  };
  const onVideoError = () => {
    if (video.src && video.src !== blobUrl && askForBytes()) return;
    error.textContent = "The video could not be loaded in this browser.";
    error.hidden = false;
  };
  const onTime = () => {
    const t = video.currentTime;
    if (Math.abs(t - lastSent) < 0.05) return;
    lastSent = t;
    model.set("current_time", t);
    model.save_changes();
  };
  const onPlayState = () => {
    if (model.get("paused") === video.paused) return;
    model.set("paused", video.paused);
    model.save_changes();
  };
  const onMeta = () => {
    shape();
    if (Number.isFinite(video.duration)) {
      model.set("duration", video.duration);
      model.save_changes();
    }
    const at = model.get("current_time");
    if (shouldSeek(video.currentTime, at)) video.currentTime = at;
  };
  const onModelTime = () => {
    const t = model.get("current_time");
    if (shouldSeek(video.currentTime, t)) video.currentTime = t;
  };
  const onModelPaused = () => {
    const paused = model.get("paused");
    if (paused && !video.paused) video.pause();
    if (!paused && video.paused) video.play().catch(() => { model.set("paused", true); model.save_changes(); });
  };
  const onCaption = () => {
    caption.textContent = model.get("caption");
    caption.hidden = !model.get("caption");
  };
  video.addEventListener("error", onVideoError);
  video.addEventListener("timeupdate", onTime);
  video.addEventListener("seeked", onTime);
  video.addEventListener("play", onPlayState);
  video.addEventListener("pause", onPlayState);
  video.addEventListener("loadedmetadata", onMeta);
  model.on("msg:custom", onMessage);
  model.on("change:current_time", onModelTime);
  model.on("change:paused", onModelPaused);
  model.on("change:src_url", load);
  model.on("change:caption", onCaption);
  model.on("change:width", shape);
  model.on("change:height", shape);
  load();
  onCaption();
  return () => {
    video.pause();
    video.removeAttribute("src");
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    model.off("msg:custom", onMessage);
    model.off("change:current_time", onModelTime);
    model.off("change:paused", onModelPaused);
    model.off("change:src_url", load);
    model.off("change:caption", onCaption);
    model.off("change:width", shape);
    model.off("change:height", shape);
  };
}

export default { render };
