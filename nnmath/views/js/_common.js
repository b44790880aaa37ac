// Shared helpers of every nnmath front end (前端公共代码). Python (nnmath/views/_frontend.py) puts this
// text in front of each explorer's module, so the helpers are in the module's scope without a bundler.
// Nothing here is exported and no module defines these names again (tests/test_views_frontend.py).

// ---- numbers ----

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
// without a new call), not once per frame: get() returns {name: value}; save.flush() sends at once.
function settledSave(model, get, ms = 150) {
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
  const style = el("style");
  style.textContent = COMMON_STYLE;
  root.appendChild(style);
  return root;
}

// The readout: polite live region, full width (the controls never move when its text changes).
function readoutElement() {
  return el("p", { class: "nnx-readout nnx-msg", role: "status", "aria-live": "polite" });
}

const COMMON_STYLE = `
.nnx { font-size: 15px; line-height: 1.4; max-width: 860px; contain: layout style; }
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
