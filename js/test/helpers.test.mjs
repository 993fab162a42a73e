// Pure helpers of the widget modules, run with `node --test js/test/`.
import test from "node:test";
import assert from "node:assert/strict";

import { formatTime, layoutLanes, tickStep } from "../timeline.js";
import { escapeHtml, formatElapsed, renderMarkdown, statusText, toolLabel } from "../chat.js";
import { shouldSeek } from "../player.js";

const seg = (id, start, duration) => ({ id, start, duration, label: id });
const data = (tracks, duration = 10) => ({ duration, tracks });

test("formatTime shows minutes always and a tenth only when present", () => {
  assert.equal(formatTime(3), "0:03");
  assert.equal(formatTime(65.5), "1:05.5");
  assert.equal(formatTime(0), "0:00");
  assert.equal(formatTime(59.96), "1:00");
  assert.equal(formatTime(3723), "1:02:03");
  assert.equal(formatTime(-1), "0:00");
});

test("layoutLanes gives one lane per track with x and width from start and duration", () => {
  const lanes = layoutLanes(data([
    { id: "v", type: "video", name: "Video", segments: [seg("a", 0, 5), seg("b", 5, 5)] },
    { id: "t", type: "text", name: "Title", segments: [seg("c", 2, 3)] },
  ]), 1000);
  assert.equal(lanes.length, 2);
  assert.deepEqual(lanes[0].blocks.map((b) => [b.x, b.w, b.row]), [[0, 500, 0], [500, 500, 0]]);
  assert.deepEqual(lanes[1].blocks.map((b) => [b.x, b.w]), [[200, 300]]);
  assert.equal(lanes[0].rows, 1);
});

test("layoutLanes stacks overlapping segments on extra rows", () => {
  const [lane] = layoutLanes(data([
    { id: "t", type: "text", name: "Text", segments: [seg("a", 0, 4), seg("b", 2, 4), seg("c", 4, 2), seg("d", 3, 1)] },
  ]), 100);
  const rows = Object.fromEntries(lane.blocks.map((b) => [b.seg.id, b.row]));
  assert.deepEqual(rows, { a: 0, b: 1, c: 0, d: 2 });
  assert.equal(lane.rows, 3);
});

test("layoutLanes keeps tiny segments visible and inside the view", () => {
  const [lane] = layoutLanes(data([
    { id: "v", type: "video", name: "V", segments: [seg("tiny", 9.999, 0.001)] },
  ]), 200, { minWidth: 6 });
  const [block] = lane.blocks;
  assert.equal(block.w, 6);
  assert.ok(block.x + block.w <= 200);
});

test("layoutLanes scales to the last segment when the duration is unknown", () => {
  const [lane] = layoutLanes(data([{ id: "v", type: "video", name: "V", segments: [seg("a", 0, 4)] }], 0), 400);
  assert.equal(lane.blocks[0].w, 400);
});

test("tickStep keeps ruler labels apart", () => {
  assert.equal(tickStep(10, 800), 1);
  assert.equal(tickStep(10, 200), 5);
  assert.ok(tickStep(600, 800) >= 30);
});

test("renderMarkdown escapes HTML and renders bold, italics, code, lists and links", () => {
  const out = renderMarkdown("Hello <script>alert(1)</script> **bold** and *it* `a<b`\n\n- one\n- two\n\n[site](https://x.org/?a=1&b=2)");
  assert.ok(!out.includes("<script>"));
  assert.ok(out.includes("&lt;script&gt;"));
  assert.ok(out.includes("<strong>bold</strong>"));
  assert.ok(out.includes("<em>it</em>"));
  assert.ok(out.includes("<code>a&lt;b</code>"));
  assert.ok(out.includes("<ul><li>one</li><li>two</li></ul>"));
  assert.ok(out.includes('<a href="https://x.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">site</a>'));
});

test("renderMarkdown refuses javascript: links and keeps code blocks verbatim", () => {
  const out = renderMarkdown("[x](javascript:alert(1))\n```\n<b>**not bold**</b>\n```\n1. first");
  assert.ok(!out.includes("href=\"javascript"));
  assert.ok(out.includes("<pre><code>&lt;b&gt;**not bold**&lt;/b&gt;</code></pre>"));
  assert.ok(out.includes("<ol><li>first</li></ol>"));
});

test("escapeHtml escapes quotes too", () => {
  assert.equal(escapeHtml(`"'<>&`), "&quot;&#39;&lt;&gt;&amp;");
});

test("tool chips read as words with an elapsed time", () => {
  assert.equal(toolLabel("generate_video_with_seedance"), "generate video");
  assert.equal(formatElapsed(3.21), "3.2 s");
  assert.equal(formatElapsed(75), "1 min 15 s");
});

test("the player ignores its own time echoes but follows real seeks", () => {
  assert.equal(shouldSeek(2.0, 2.1), false);
  assert.equal(shouldSeek(2.0, 4.0), true);
  assert.equal(shouldSeek(2.0, Number.NaN), false);
});

test("the tooltip stays inside the widget box", async () => {
  const { tipPosition } = await import("../timeline.js");
  assert.deepEqual(tipPosition(10, 10, 100, 40, 500, 200), { x: 22, y: 22 });
  assert.deepEqual(tipPosition(480, 10, 100, 40, 500, 200), { x: 368, y: 22 });
  assert.deepEqual(tipPosition(10, 180, 100, 40, 500, 200), { x: 22, y: 128 });
  assert.deepEqual(tipPosition(10, 30, 100, 80, 500, 100), { x: 22, y: 20 });
});

test("statusText tells how to stop a cell that holds the kernel, and nothing more otherwise", () => {
  assert.equal(statusText("streaming", false), "working… · interrupt the kernel (■) to stop");
  assert.equal(statusText("exporting", false), "exporting… · interrupt the kernel (■) to stop");
  assert.equal(statusText("streaming", true), "working…");
  assert.equal(statusText("done", false), "");
  assert.equal(statusText("cancelled", true), "cancelled");
  assert.equal(statusText("mystery", false), "mystery");
});

test("markdown drawn settled part by settled part, in blocks, equals drawing it whole", async () => {
  const { readLines, nextCut } = await import("../chat.js");
  const samples = [
    "Hello **there**.\n\n- one\n- two\n\nMore `code` text\nsecond line\n\n```\nfenced\n\nstill fenced\n```\n\n## Head\nafter",
    "para\n\n\n\nafter blanks\n\n1. a\n2. b\n\n```py\nx = 1\n",
    "no blank line at all",
    "  ```\n\n  indented fence\n ```  \n \t \nafter\n\n",
  ];
  for (const src of samples) {
    for (const size of [1, 4, 1000]) {
      for (let cut = 1; cut < src.length; cut += 3) {
        // Stream the text in two arrivals and draw it the way the view does, in blocks of about `size`.
        let drawn = "";
        let done = 0;
        let state = undefined;
        for (const upto of [cut, src.length]) {
          state = readLines(src.slice(0, upto), state);
          while (done < state.settled) {
            const end = nextCut(src, done, state.settled, size);
            assert.ok(end > done && end <= state.settled);
            drawn += renderMarkdown(src.slice(done, end));
            done = end;
          }
        }
        assert.equal(drawn + renderMarkdown(src.slice(done)), renderMarkdown(src), `cut at ${cut}, blocks of ${size}`);
      }
    }
  }
});

test("blocks of settled text are cut near the size asked, at paragraph breaks outside code", async () => {
  const { readLines, nextCut } = await import("../chat.js");
  const src = Array.from({ length: 40 }, (_, i) => `paragraph ${i} `.repeat(10)).join("\n\n") + "\n\n";
  const { settled } = readLines(src);
  assert.equal(settled, src.length);
  const ends = [];
  for (let at = 0; at < settled; at = ends[ends.length - 1]) ends.push(nextCut(src, at, settled, 1000));
  assert.ok(ends.length >= 4 && ends.length <= 8, `${ends.length} blocks`);
  let last = 0;
  for (const end of ends) {
    assert.ok(src.slice(0, end).endsWith("\n\n"), "a block ends at a paragraph break");
    assert.ok(end - last >= 1000 || end === settled);
    last = end;
  }
  const fenced = "```\n" + "code\n\n".repeat(500) + "```\n\n";
  assert.equal(nextCut(fenced, 0, readLines(fenced).settled, 100), fenced.length, "no cut inside a fence");
});

test("reading lines again from where it stopped settles the same as reading all at once", async () => {
  const { readLines } = await import("../chat.js");
  const src = "a\n\n```\nx\n\ny\n```\nb\n\nc";
  let state = undefined;
  for (let upto = 0; upto <= src.length; upto++) state = readLines(src.slice(0, upto), state);
  assert.deepEqual(state, readLines(src));
  assert.equal(readLines(src).settled, src.indexOf("c"));
  assert.equal(readLines("a\n\n```\nx\n\n").settled, 3, "a blank line inside an open fence settles nothing");
});

test("tool chips under a tenth of a second show milliseconds, never 0.0 s", () => {
  assert.equal(formatElapsed(0.0004), "1 ms");
  assert.equal(formatElapsed(0.042), "42 ms");
  assert.equal(formatElapsed(0.25), "0.3 s");
});

test("ruler labels never overlap, and the last tick keeps its label", async () => {
  const { rulerLabels } = await import("../timeline.js");
  for (const [duration, width] of [[15, 700], [15.3, 700], [121, 500], [9.8, 260], [60, 1200]]) {
    const step = tickStep(duration, width);
    const labels = rulerLabels(duration, width, step);
    const boxes = labels.map((l) => {
      const w = l.text.length * 6;
      return l.right ? [l.x - 2 - w, l.x - 2] : [l.x + 2, l.x + 2 + w];
    });
    for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i][0] >= boxes[i - 1][1] + 8, `${duration}s: ${labels[i].text}`);
    assert.ok(boxes.every(([a, b]) => a >= 0 && b <= width), `${duration}s stays inside`);
    assert.equal(labels[0].text, "0:00");
    const lastTick = Math.floor(duration / step + 1e-6) * step;
    assert.equal(labels[labels.length - 1].t, lastTick, `${duration}s keeps ${lastTick}`);
  }
});

test("a video's frame keeps its shape inside the player's box", async () => {
  const { frameSize } = await import("../player.js");
  assert.deepEqual(frameSize(1920, 1080), { width: 853, height: 480 });
  assert.deepEqual(frameSize(1080, 1920), { width: 270, height: 480 });
  assert.deepEqual(frameSize(1080, 1080), { width: 480, height: 480 });
  assert.equal(frameSize(0, 0), null);
});

test("a whole text that repeats what is shown only adds its new end; other texts continue, replace or resync", async () => {
  const { textStep } = await import("../chat.js");
  const shown = "first\n\nsecond";
  assert.deepEqual(textStep(shown, 0, `${shown}\n\nthird`), { kind: "append", text: "\n\nthird" });
  assert.deepEqual(textStep(shown, 0, shown), { kind: "append", text: "" });
  assert.deepEqual(textStep(shown, shown.length, "!"), { kind: "append", text: "!" });
  assert.deepEqual(textStep(shown, 0, "other"), { kind: "reset", text: "other" });
  assert.deepEqual(textStep(shown, 3, "late"), { kind: "resync" });
  assert.deepEqual(textStep("", 0, "start"), { kind: "append", text: "start" });
});

test("a streaming reply's box keeps no space while short, then grows a whole step at a time", async () => {
  const { reservedHeight, GROW_STEP_PX: step } = await import("../chat.js");
  assert.equal(reservedHeight(0), 0);
  assert.equal(reservedHeight(step - 1), 0);
  assert.equal(reservedHeight(step), 2 * step);
  assert.equal(reservedHeight(2 * step - 2), 2 * step);
  assert.equal(reservedHeight(5.5 * step), 6 * step);
});
