// Shared helpers of every nnmath front end (前端公共代码). Python (nnmath/views/_frontend.py) puts this
// text in front of each explorer's module, so the helpers are in the module's scope without a bundler.
// Nothing here is exported and no module defines these names again (tests/test_views_frontend.py).

// ---- numbers and 2×2 algebra (as nnmath.algebra) ----

// x with `digits` significant digits, a true minus sign, ×10ⁿ below 10⁻³ and from 10⁵ on
// (nnmath.views._frontend.fmt writes the same text).
function fmt(x, digits = 3) {
  if (x === 0) return "0";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : x < 0 ? "−∞" : "NaN";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) {
    const [m, e] = x.toExponential(digits - 1).split("e");
    return (m.includes(".") ? m.replace(/\.?0+$/, "") : m).replace("-", "−") + "×10" + sup(Number(e));
  }
  return Number(x.toPrecision(digits)).toString().replace("-", "−");
}

// An integer as superscript digits: sup(-3) = "⁻³".
function sup(e) {
  const map = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
  return String(e).split("").map((c) => map[c]).join("");
}

function norm(v) {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

// nnmath.writeout.fixed, the readouts' number: `digits` decimals (toFixed rounds halves of the exact value away
// from zero), trailing zeros dropped, no sign on a zero.
function fixed(x, digits = 2) {
  let text = Math.abs(x).toFixed(digits);
  if (x < 0) text = "-" + text;
  if (text.includes(".")) text = text.replace(/0+$/, "").replace(/\.$/, "");
  return text === "-0" || text === "0" ? "0" : text;
}

// nnmath.algebra.symmetric_eigen of a 2×2 H: eigenvalues (ascending), unit eigenvectors as the columns of
// [[v0x, v1x], [v0y, v1y]] with v0 = (-sin θ, cos θ), v1 = (cos θ, sin θ), and θ, the angle of v1.
function symmetricEigen(H) {
  const a = H[0][0], b = 0.5 * (H[0][1] + H[1][0]), c = H[1][1];
  const mean = 0.5 * (a + c), radius = Math.hypot(0.5 * (a - c), b);
  let theta = 0.5 * Math.atan2(2.0 * b, a - c);
  if (theta <= -Math.PI / 2) theta += Math.PI;
  const cs = Math.cos(theta), sn = Math.sin(theta);
  return { values: [mean - radius, mean + radius], vectors: [[-sn, cs], [cs, sn]], angle: theta };
}

// The direction of a line through the origin at `deg` degrees, as an angle in [0, 180).
const lineDegrees = (deg) => ((deg % 180) + 180) % 180;

// ---- axes ----

// About `count` round tick values between lo and hi.
function niceTicks(lo, hi, count) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= count) || 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push(Math.abs(v) < 1e-12 * span ? 0 : v);
  return out;
}

// A y axis for `values` on [y0 (bottom), y1 (top)] in pixels: log scale when all are positive and span more
// than `decades` powers of ten. Returns {log, lo, hi, y(v), ticks: [[value, label]]}.
function valueAxis(values, y0, y1, decades = 3) {
  const finite = values.filter(Number.isFinite);
  let lo = finite.length ? Math.min(...finite) : 0, hi = finite.length ? Math.max(...finite) : 1;
  const log = lo > 0 && hi / lo > 10 ** decades;
  if (log) { lo = Math.log10(lo); hi = Math.log10(hi); }
  if (!(hi > lo)) { const pad = Math.max(Math.abs(hi) * 0.1, 1e-12); lo -= pad; hi += pad; }
  const pad = 0.06 * (hi - lo);
  lo -= pad; hi += pad;
  const y = (v) => y0 - (((log ? Math.log10(v) : v) - lo) / (hi - lo)) * (y0 - y1);
  const ticks = log
    ? niceTicks(Math.ceil(lo), Math.floor(hi), 5).filter(Number.isInteger).map((e) => [10 ** e, "10" + sup(e)])
    : niceTicks(lo, hi, 5).map((v) => [v, fmt(v)]);
  return { log, lo, hi, y, ticks };
}

// ---- frames of pictures on a canvas ----

// A plane's frame: the box, the labels of xTicks under it at sx(v) and of yTicks left of it at sy(v) (with short
// tick marks when `marks`), the x axis's name under them (bottom at `h`) and the y axis's, turned, centred at x = left.
function planeFrame(ctx, box, h, { sx, xTicks, sy, yTicks, names, marks = false, font = "13px sans-serif", left = 12 }) {
  ctx.strokeStyle = "#333";
  ctx.lineWidth = 1;
  ctx.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
  ctx.fillStyle = "#222";
  ctx.font = "11px sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const v of xTicks) {
    ctx.fillText(fmt(v), sx(v), box.y1 + 3);
    if (marks) { ctx.beginPath(); ctx.moveTo(sx(v), box.y1); ctx.lineTo(sx(v), box.y1 + 3); ctx.stroke(); }
  }
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of yTicks) {
    ctx.fillText(fmt(v), box.x0 - (marks ? 4 : 3), sy(v));
    if (marks) { ctx.beginPath(); ctx.moveTo(box.x0 - 3, sy(v)); ctx.lineTo(box.x0, sy(v)); ctx.stroke(); }
  }
  ctx.font = font;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.fillText(names[0], (box.x0 + box.x1) / 2, h - 1);
  ctx.save();
  ctx.translate(left, (box.y0 + box.y1) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "middle";
  ctx.fillText(names[1], 0, 0);
  ctx.restore();
}

// A chart's frame: for every [value, label] of yTicks a grid line (colour `grid`) across the box at y(value),
// labelled left of it; every [value, label] of xTicks labelled under the box at x(value), with a grid line too
// when `xGrid`; then the box, the x title under it (bottom at `h`) and the y title at the top left, in `font`.
function chartFrame(ctx, box, h, { y, yTicks, x, xTicks, xGrid = true, grid = "#e4e4e4", font = "13px sans-serif", xTitle, yTitle }) {
  ctx.strokeStyle = grid;
  ctx.fillStyle = "#222";
  ctx.font = "11px sans-serif";
  ctx.lineWidth = 1;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const [v, label] of yTicks) {
    ctx.beginPath(); ctx.moveTo(box.x0, y(v)); ctx.lineTo(box.x1, y(v)); ctx.stroke();
    ctx.fillText(label, box.x0 - 4, y(v));
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const [v, label] of xTicks) {
    if (xGrid) { ctx.beginPath(); ctx.moveTo(x(v), box.y0); ctx.lineTo(x(v), box.y1); ctx.stroke(); }
    ctx.fillText(label, x(v), box.y1 + 3);
  }
  ctx.strokeStyle = "#333";
  ctx.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
  ctx.font = font;
  ctx.textBaseline = "bottom";
  ctx.fillText(xTitle, (box.x0 + box.x1) / 2, h - 1);
  ctx.textAlign = "left";
  ctx.textBaseline = "top";
  ctx.fillText(yTitle, box.x0, 3);
}

// A bar panel's frame: its title above the box b, for every tick t a grid line across at y(t) (the one at 0 in
// `zero`) labelled label(t) left of the box, and the bars' names centred under their equal slots.
function barFrame(ctx, b, { title, ticks, y, label = fmt, zero = "#e3e3e3", names }) {
  ctx.fillStyle = "#222";
  ctx.font = "13px sans-serif";
  ctx.textAlign = "left";
  ctx.fillText(title, b.x0 - 34, b.y0 - 10);
  ctx.font = "11px sans-serif";
  ctx.textAlign = "right";
  ctx.lineWidth = 1;
  for (const t of ticks) {
    ctx.strokeStyle = t === 0 ? zero : "#e3e3e3";
    ctx.beginPath();
    ctx.moveTo(b.x0, y(t));
    ctx.lineTo(b.x1, y(t));
    ctx.stroke();
    ctx.fillStyle = "#444";
    ctx.fillText(label(t), b.x0 - 4, y(t) + 4);
  }
  ctx.textAlign = "center";
  ctx.fillStyle = "#222";
  const w = (b.x1 - b.x0) / names.length;
  names.forEach((name, i) => ctx.fillText(name, b.x0 + (i + 0.5) * w, b.y1 + 15));
}

// Save the context and clip what follows to the rectangle at (x, y) of w × h; the caller ends with ctx.restore().
function clipTo(ctx, x, y, w, h) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
}

// ---- the page ----

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

// A unique id prefix for the labels' `for` attributes.
function uid(prefix) {
  return prefix + "-" + Math.random().toString(36).slice(2);
}

// A row of panels (side by side when there is room) holding `canvases`.
function panelsElement(...canvases) {
  const panels = el("div", { class: "nnx-panels" });
  panels.append(...canvases);
  return panels;
}

// A group of large radio buttons (class nnx-choice) under `legend`, one per item {text, label (its aria-label)};
// picking item i calls pick(i). Returns {group (the fieldset), radios (the inputs)}.
function choiceGroup(prefix, legend, items, pick) {
  const name = uid(prefix);
  const group = el("fieldset", { class: "nnx-choice" });
  group.appendChild(el("legend", {}, legend));
  const radios = items.map(({ text, label }, i) => {
    const input = el("input", { type: "radio", name, value: String(i), "aria-label": label });
    const item = el("label");
    item.append(input, el("span", {}, text));
    group.appendChild(item);
    input.addEventListener("change", () => { if (input.checked) pick(i); });
    return input;
  });
  return { group, radios };
}

// A canvas of width × height CSS pixels, sharp at the screen's devicePixelRatio; its context draws in CSS pixels.
function setupCanvas(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = width + "px";
  canvas.style.height = height + "px";
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

function arrow(ctx, x0, y0, x1, y1, color) {
  const a = Math.atan2(y1 - y0, x1 - x0), s = 9;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2.2;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - s * Math.cos(a - 0.45), y1 - s * Math.sin(a - 0.45));
  ctx.lineTo(x1 - s * Math.cos(a + 0.45), y1 - s * Math.sin(a + 0.45));
  ctx.closePath();
  ctx.fill();
}

// Pointer drag on `target`: down(at, ev) (return false to ignore), move(at), up(); `at` in CSS pixels of the target.
function onDrag(target, { down, move, up }) {
  let dragging = false;
  const at = (ev) => {
    const r = target.getBoundingClientRect();
    return [ev.clientX - r.left, ev.clientY - r.top];
  };
  target.addEventListener("pointerdown", (ev) => {
    if (down(at(ev), ev) === false) return;
    dragging = true;
    try { target.setPointerCapture(ev.pointerId); } catch (e) { /* a synthetic pointer: no capture */ }
    ev.preventDefault();
  });
  target.addEventListener("pointermove", (ev) => { if (dragging) move(at(ev)); });
  const end = () => { if (dragging) { dragging = false; if (up) up(); } };
  target.addEventListener("pointerup", end);
  target.addEventListener("pointercancel", end);
}

// Write a node's text or one attribute only when it changes (an unchanged write would still cost a layout).
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

// Set an input's value only when it changes (a number box's text is laid out again on every write).
function setValue(input, value) {
  const text = String(value);
  if (input.value !== text) input.value = text;
}

// Pin an explorer root's size to its content's (class nnx-pinned: size and layout containment), so that a change
// inside it (a slider's thumb, the readout's text) lays out the explorer alone, not the whole page: a long chapter
// page (thousands of formula boxes) takes milliseconds to lay out. Measured after every frame; the root is pinned
// again whenever its content's height or its width changes, and unpinned while it is not rendered. Its readouts
// keep the tallest height they had at this width (min-height), so that the pictures under them stay put and the
// root's height settles after a few frames. A change of a child's size without a frame (a panel opened, a row
// wrapped) pins the root again too: a ResizeObserver watches its children.
const PINNED_WIDTH = new WeakMap();
const PIN_WATCH = new WeakMap();
function pinSize(root) {
  if (!root.isConnected || !root.getClientRects().length) {
    root.classList.remove("nnx-pinned");
    return;
  }
  if (typeof ResizeObserver !== "undefined") {
    if (!PIN_WATCH.has(root)) PIN_WATCH.set(root, { observer: new ResizeObserver(() => pinSize(root)), seen: new WeakSet() });
    const { observer, seen } = PIN_WATCH.get(root);
    for (const child of root.children) if (!seen.has(child)) { seen.add(child); observer.observe(child); }
  }
  const readouts = root.querySelectorAll(".nnx-readout");
  let box = root.getBoundingClientRect();
  if (PINNED_WIDTH.get(root) !== box.width) {
    PINNED_WIDTH.set(root, box.width);
    readouts.forEach((node) => { node.style.minHeight = ""; });
    box = root.getBoundingClientRect();
  }
  readouts.forEach((node) => {
    const h = node.getBoundingClientRect().height;
    if (h > (parseFloat(node.style.minHeight) || 0)) node.style.minHeight = h + "px";
  });
  let bottom = box.top;
  for (const child of root.children) {
    if (!child.getClientRects().length) continue;
    bottom = Math.max(bottom, child.getBoundingClientRect().bottom + parseFloat(getComputedStyle(child).marginBottom || "0"));
  }
  const size = `${box.width}px ${bottom - box.top}px`;
  if (root.style.containIntrinsicSize !== size) root.style.containIntrinsicSize = size;
  root.classList.add("nnx-pinned");
}

// Call changed() when `node` gets more than `slack` CSS pixels wider or narrower than the width last seen (at
// first `width`); returns a function that stops watching (nothing is watched without ResizeObserver).
function onWidthChange(node, changed, { slack = 8, width = node.clientWidth } = {}) {
  if (typeof ResizeObserver === "undefined") return () => {};
  let last = width;
  const observer = new ResizeObserver(() => {
    const w = node.clientWidth;
    if (w && Math.abs(w - last) > slack) { last = w; changed(); }
  });
  observer.observe(node);
  return () => observer.disconnect();
}

// `drawAll` wrapped to mark every frame on `root`: data-frame counts the frames drawn (the browser tests and the
// benchmarks wait on it), data-draw-ms is the last drawAll's time in milliseconds; the root's size is pinned after
// it (pinSize: the explorer's own layout, which the browser would otherwise do later in the same frame).
function countFrames(root, drawAll) {
  let frames = 0;
  return () => {
    const began = performance.now();
    drawAll();
    const drawn = performance.now();
    pinSize(root);
    root.dataset.frame = String(++frames);
    root.dataset.drawMs = (drawn - began).toFixed(2);
  };
}

// The width an explorer lays itself out in: `node`'s (else `fallback`'s, else 640) CSS pixels, within [280, 860].
function layoutWidth(node, fallback) {
  return Math.max(280, Math.min(860, node.clientWidth || fallback.clientWidth || 640));
}

// One redraw per animation frame however many inputs arrive: schedule() asks for `draw`.
function frameScheduler(draw) {
  let pending = false;
  return () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => { pending = false; draw(); });
    }
  };
}

// A save() that tells the model (live: the kernel) the front end's settings once the input settles (`ms`
// without a new call), not once per input: get() returns {name: value} (by default nothing more than what was
// model.set already); save.flush() sends at once. A message per input would cost each frame JupyterLab's
// repaint of its kernel status.
function settledSave(model, get = () => ({}), ms = 150) {
  let timer = null;
  const flush = () => {
    timer = null;
    for (const [name, value] of Object.entries(get())) model.set(name, value);
    model.save_changes();
  };
  const save = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  save.flush = () => { if (timer !== null) { clearTimeout(timer); flush(); } };
  return save;
}

// The root of every explorer: a labelled group whose keys stay inside (JupyterLab would take the arrow keys),
// with its kind in data-kind (as the static page's wrapper) when one is given.
function explorerRoot(title, kind) {
  const root = el("div", { class: "nnx", role: "group", "aria-label": title, "data-lm-suppress-shortcuts": "true" });
  if (kind) root.dataset.kind = kind;
  root.addEventListener("keydown", (ev) => { if (ev.target !== root) ev.stopPropagation(); });
  // text drawn before the page's fonts arrived may change height when they do: measure the pinned size again
  if (document.fonts) document.fonts.ready.then(() => { if (root.classList.contains("nnx-pinned")) pinSize(root); });
  root.appendChild(el("style", {}, COMMON_STYLE));
  return root;
}

// The readout: polite live region, full width (the controls never move when its text changes).
function readoutElement() {
  return el("p", { class: "nnx-readout nnx-msg", role: "status", "aria-live": "polite" });
}

const COMMON_STYLE = `
.nnx { font-size: 15px; line-height: 1.4; max-width: 860px; contain: layout style; }
.nnx.nnx-pinned { contain: size layout style; }
@media print { .nnx.nnx-pinned { contain: layout style; } }
.nnx-row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin: 4px 0; }
.nnx-row label { white-space: nowrap; min-width: 4.5em; }
.nnx-slider { flex: 1 1 150px; min-width: 150px; position: relative; padding-bottom: 16px; }
.nnx-slider input[type=range] { width: 100%; margin: 0; height: 30px; touch-action: pan-y; }
.nnx-ticks { position: absolute; left: 8px; right: 8px; bottom: 0; height: 16px; font-size: 11px; color: #555; }
.nnx-ticks span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.nnx-ticks span::before { content: ""; position: absolute; left: 50%; top: -6px; height: 6px; border-left: 1px solid #555; }
.nnx-num { width: 6.5em; font: inherit; font-variant-numeric: tabular-nums; padding: 3px; }
.nnx-num:invalid { outline: 2px solid #b00000; }
.nnx-out { display: inline-block; min-width: 5.5em; font-variant-numeric: tabular-nums; font-family: ui-monospace, monospace; }
.nnx-panels { display: flex; flex-wrap: wrap; gap: 8px; }
.nnx-panels canvas { display: block; border-radius: 2px; }
.nnx-readout { box-sizing: border-box; width: 100%; margin: 4px 0; min-height: 2.8em; padding: 4px 8px;
  border-left: 4px solid #2ca02c; background: #f4f8f4; font-variant-numeric: tabular-nums; }
.nnx-readout.nnx-bad { border-color: #b00000; background: #fbefef; color: #8a0000; }
.nnx-help { font-size: 12px; color: #555; margin: 2px 0; }
.nnx button { font: inherit; padding: 4px 10px; min-height: 32px; }
.nnx-choice { display: flex; flex-wrap: wrap; gap: 4px; border: 0; padding: 0; margin: 4px 0; }
.nnx-choice legend { padding: 0; margin-bottom: 2px; font-size: inherit; font-weight: normal; float: none; width: auto; }
.nnx-choice label { display: inline-flex; align-items: center; justify-content: center; min-width: 2.6em;
  min-height: 36px; border: 1px solid #9bb; border-radius: 4px; cursor: pointer; font-variant-numeric: tabular-nums; }
.nnx-choice input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.nnx-choice label:has(input:checked) { background: #2166ac; color: white; border-color: #2166ac; font-weight: 700; }
.nnx-choice label:has(input:focus-visible) { outline: 3px solid #4c8bf5; outline-offset: 1px; }
`;

// ---- the static page ----

// A stand-in for the anywidget model, holding `state`: get, set, on("change:key"), save_changes (does nothing).
function staticModel(state) {
  const handlers = {};
  return {
    get: (key) => state[key],
    set(key, value) {
      state[key] = value;
      (handlers["change:" + key] || []).forEach((h) => h());
    },
    on(name, handler) { (handlers[name] = handlers[name] || []).push(handler); },
    off() {},
    save_changes() {},
  };
}

// Mount `render` in a static page's explorer `root`: its state is the JSON next to the mount point.
function mountStatic(render, root) {
  const state = JSON.parse(root.querySelector("script[type='application/json']").textContent);
  render({ model: staticModel(state), el: root.querySelector(".nnx-mount") });
}
