// The XOR training explorer (异或训练探索器): one front end, live (anywidget) and static (the book's pages).
//
// nnmath trained the network once per learning rate and sent its parameters at many epochs. For the
// epoch under the slider this module runs the network's forward pass (nnmath.network.MLP.forward's
// formulas; tests/browser/test_xor_explorer.py checks them) to paint the output p over the input
// plane with the boundary p = 0.5 and the hidden units' lines, the hidden layer's view of the plane,
// and the loss curve with the epoch marked. The verdict on each run is nnmath.descent.judge's.

const CLASS_COLORS = ["#2b6cb0", "#c53030"];
const PLANE = [-0.5, 1.5];
const BLACK = [0, 0, 0];
const PAINT = 160;

// ---- the network: MLP.forward on a flat parameter vector (W⁽¹⁾, b⁽¹⁾, W⁽²⁾, b⁽²⁾, ... row by row) ----

// The output layer's sigmoid as nnmath writes it: e^min(y, 0) / (1 + e^-|y|), no overflow (e^min(y, 0) is
// 1 or e^-|y| itself, so one exponential gives the same number).
function sigmoid(y) {
  const e = Math.exp(-Math.abs(y));
  return (y >= 0 ? 1 : e) / (1 + e);
}

const ACTIVATIONS = { tanh: Math.tanh, sigmoid, relu: (y) => Math.max(0, y) };

function unflatten(sizes, theta) {
  const layers = [];
  let k = 0;
  for (let i = 0; i + 1 < sizes.length; i++) {
    const n = sizes[i], m = sizes[i + 1], W = [];
    for (let j = 0; j < m; j++) W.push(theta.slice(k + j * n, k + (j + 1) * n));
    layers.push({ W, b: theta.slice(k + m * n, k + m * n + m) });
    k += m * n + m;
  }
  return layers;
}

// Every layer's values for one input x: [x, x⁽¹⁾, ..., p] (hidden layers through f, the last through σ).
function trace(layers, activation, x) {
  const f = ACTIVATIONS[activation];
  const xs = [x];
  layers.forEach(({ W, b }, i) => {
    const a = xs[xs.length - 1];
    const g = i === layers.length - 1 ? sigmoid : f;
    xs.push(W.map((row, j) => {
      let s = 0;
      for (let k = 0; k < row.length; k++) s += a[k] * row[k];
      return g(s + b[j]);
    }));
  });
  return xs;
}

// p(x, y) of a network with two inputs and one output, without allocating: the painting's inner loop
// (the same operations in the same order as trace, so the same numbers).
function evaluator(layers, activation) {
  const f = ACTIVATIONS[activation];
  const width = Math.max(2, ...layers.map(({ b }) => b.length));
  // the weights row by row in one typed array per layer (rows of n = the layer's input width)
  const flat = layers.map(({ W, b }) => ({ w: Float64Array.from(W.flat()), b: Float64Array.from(b), m: W.length, n: W[0].length }));
  const last = flat.length - 1;
  let a = new Float64Array(width), out = new Float64Array(width);
  return (x, y) => {
    a[0] = x;
    a[1] = y;
    for (let l = 0; l <= last; l++) {
      const { w, b, m, n } = flat[l];
      const g = l === last ? sigmoid : f;
      for (let j = 0, o = 0; j < m; j++, o += n) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[k] * w[o + k];
        out[j] = g(s + b[j]);
      }
      const t = a;
      a = out;
      out = t;
    }
    return a[0];
  };
}

// MLP.forward: one row of outputs per input row.
function forward(sizes, activation, theta, X) {
  const layers = unflatten(sizes, theta);
  return X.map((x) => trace(layers, activation, x).pop());
}

// The two ends, inside [lo, hi]², of the line w1 x + w2 y + b = 0 (nnmath.xor_views.unit_line), or null.
function unitLine(w1, w2, b, [lo, hi]) {
  const ends = [];
  for (const x of [lo, hi]) { const y = -(w1 * x + b) / w2; if (w2 !== 0 && y >= lo && y <= hi) ends.push([x, y]); }
  for (const y of [lo, hi]) { const x = -(w2 * y + b) / w1; if (w1 !== 0 && x >= lo && x <= hi) ends.push([x, y]); }
  const unique = ends.filter((p, i) => ends.findIndex((q) => Math.abs(q[0] - p[0]) + Math.abs(q[1] - p[1]) < 1e-12) === i);
  return unique.length >= 2 ? unique.slice(0, 2) : null;
}

// The colour band (⌊10p⌋, 0..9) and the side of the boundary (p > 0.5) of every pixel of a w × h image of p over
// [lo, hi]², pixel centres sampled. p is evaluated at every BLOCK-th pixel first; a block whose four corners share
// band and side is filled with them, any other block is evaluated pixel by pixel. The image is the one evaluated
// everywhere unless a band or the boundary enters and leaves a block between its corners (a feature under BLOCK
// pixels across), with about a third of the forward passes. `done` marks the pixels evaluated (work space).
const BLOCK = 4;
function sampleBands(w, h, lo, hi, pAt, band, above, done) {
  done.fill(0);
  const at = (i, j) => {
    const o = j * w + i;
    if (done[o]) return;
    const p = pAt(lo + ((i + 0.5) / w) * (hi - lo), hi - ((j + 0.5) / h) * (hi - lo));
    band[o] = Math.min(9, Math.max(0, Math.floor(p * 10)));
    above[o] = p > 0.5 ? 1 : 0;
    done[o] = 1;
  };
  for (let j0 = 0; j0 < h - 1; j0 += BLOCK) {
    const j1 = Math.min(j0 + BLOCK, h - 1);
    for (let i0 = 0; i0 < w - 1; i0 += BLOCK) {
      const i1 = Math.min(i0 + BLOCK, w - 1);
      at(i0, j0); at(i1, j0); at(i0, j1); at(i1, j1);
      const o = j0 * w + i0, corners = [o, j0 * w + i1, j1 * w + i0, j1 * w + i1];
      const same = corners.every((c) => band[c] === band[o] && above[c] === above[o]);
      for (let j = j0; j <= j1; j++) {
        for (let i = i0; i <= i1; i++) {
          const q = j * w + i;
          if (done[q]) continue;
          if (same) { band[q] = band[o]; above[q] = above[o]; } else at(i, j);
        }
      }
    }
  }
  if (w === 1 || h === 1) for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) at(i, j);
}

const STYLE = `
.nnx-xor .nnx-panels canvas { touch-action: pan-y; }
.nnx-play { min-width: 5.5em; }
`;

function render({ model, el: host }) {
  const data = model.get("data");
  const root = explorerRoot(data.title, "xor");
  root.classList.add("nnx-xor");
  root.appendChild(el("style", {}, STYLE));
  root.appendChild(el("div", { class: "nnx-title", style: "font-weight:600" }, data.title));
  const id = uid("nnx-xor");

  // η: one of the trained learning rates
  const etaRow = el("div", { class: "nnx-row" });
  etaRow.appendChild(el("label", { for: id + "-eta" }, "学习率 η"));
  const etaWrap = el("div", { class: "nnx-slider" });
  const etaSlider = el("input", {
    type: "range", id: id + "-eta", min: 0, max: data.etas.length - 1, step: 1, "aria-label": "学习率 η（训练好的几个值）",
  });
  etaWrap.appendChild(etaSlider);
  const etaTicks = el("div", { class: "nnx-ticks", "aria-hidden": "true" });
  data.etas.forEach((v, i) => {
    const span = el("span", {}, fmt(v));
    span.style.left = (data.etas.length > 1 ? (i / (data.etas.length - 1)) * 100 : 50) + "%";
    etaTicks.appendChild(span);
  });
  etaWrap.appendChild(etaTicks);
  etaRow.appendChild(etaWrap);
  const etaOut = el("output", { class: "nnx-out", for: id + "-eta" });
  etaRow.appendChild(etaOut);
  root.appendChild(etaRow);

  // the epoch: a slider over the stored epochs, and play / pause
  const epochRow = el("div", { class: "nnx-row" });
  epochRow.appendChild(el("label", { for: id + "-epoch" }, "训练轮数"));
  const epochWrap = el("div", { class: "nnx-slider" });
  const epochSlider = el("input", { type: "range", id: id + "-epoch", min: 0, step: 1, "aria-label": "训练轮数（拖动或用方向键）" });
  epochWrap.appendChild(epochSlider);
  const epochTicks = el("div", { class: "nnx-ticks", "aria-hidden": "true" });
  epochWrap.appendChild(epochTicks);
  epochRow.appendChild(epochWrap);
  const epochOut = el("output", { class: "nnx-out", for: id + "-epoch" });
  epochRow.appendChild(epochOut);
  const play = el("button", { type: "button", class: "nnx-play", "aria-pressed": "false" }, "▶ 播放");
  epochRow.appendChild(play);
  root.appendChild(epochRow);

  const msg = readoutElement();
  root.appendChild(msg);
  const inCanvas = el("canvas", { class: "nnx-input", role: "img", "aria-label": "输入平面：输出 p、边界 p = 0.5 和隐藏单元的直线" });
  const hidCanvas = el("canvas", { class: "nnx-hidden", role: "img", "aria-label": "隐藏层眼中的四个点" });
  const lossCanvas = el("canvas", { class: "nnx-loss", role: "img", "aria-label": "每一轮的损失（对数刻度）" });
  root.appendChild(panelsElement(inCanvas, hidCanvas, lossCanvas));
  root.appendChild(el("p", { class: "nnx-help" },
    "蓝色圆点是类别 0，红色方块是类别 1；颜色是网络的输出 p（红 = 接近 1），黑线是 p = 0.5 的边界，虚线是每个隐藏神经元的直线。"));
  host.appendChild(root);

  // state
  let etaIndex = Math.max(0, data.etas.indexOf(model.get("eta")));
  let snap = 0; // index into the run's stored epochs
  let playing = false, side = 0, ticksFor = -1;
  let inCtx = null, hidCtx = null, lossCtx = null;
  const run = () => data.runs[etaIndex];
  const snapAt = (epoch) => {
    const epochs = run().epochs;
    let k = 0;
    while (k + 1 < epochs.length && epochs[k + 1] <= epoch) k++;
    return k;
  };
  snap = snapAt(model.get("epoch"));

  function layout() {
    const avail = layoutWidth(host, root);
    side = avail >= 780 ? Math.floor((avail - 16) / 3) : avail >= 560 ? Math.floor((avail - 8) / 2) : Math.min(avail, 420);
    inCtx = setupCanvas(inCanvas, side, side);
    hidCtx = setupCanvas(hidCanvas, side, side);
    lossCtx = setupCanvas(lossCanvas, side, Math.round(side * 0.8));
  }

  function syncControls() {
    setValue(etaSlider, etaIndex);
    setText(etaOut, "η = " + fmt(data.etas[etaIndex]));
    setAttr(etaSlider, "aria-valuetext", etaOut.textContent);
    setAttr(epochSlider, "max", String(run().epochs.length - 1));
    setValue(epochSlider, snap);
    setText(epochOut, `第 ${run().epochs[snap]} 轮`);
    setAttr(epochSlider, "aria-valuetext", epochOut.textContent);
    if (ticksFor === etaIndex) return; // the epoch ticks change only with the run
    ticksFor = etaIndex;
    epochTicks.replaceChildren();
    const last = run().epochs.length - 1;
    for (const e of data.marks) {
      if (e > run().steps) continue;
      const span = el("span", {}, String(e));
      span.style.left = (last ? (snapAt(e) / last) * 100 : 50) + "%";
      epochTicks.appendChild(span);
    }
  }

  const M = { left: 40, right: 8, top: 8, bottom: 30 };
  function frame(ctx, lo, hi, labels) {
    const box = { x0: M.left, x1: side - M.right, y0: M.top, y1: side - M.bottom };
    const sx = (x) => box.x0 + ((x - lo) / (hi - lo)) * (box.x1 - box.x0);
    const sy = (y) => box.y1 - ((y - lo) / (hi - lo)) * (box.y1 - box.y0);
    const ticks = niceTicks(lo, hi, 4);
    const axes = () => planeFrame(ctx, box, side, {
      sx, xTicks: ticks, sy, yTicks: ticks, names: labels, font: "12px sans-serif", left: 10,
    });
    return { box, sx, sy, axes };
  }

  // p over a square of the plane, ten bands of colour, the boundary p = 0.5 in black
  const bandColors = data.colors.map((c) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)));
  // one image, its canvas and the per-sample arrays for each painted panel, made again only when the size changes
  const buffers = new Map();
  function buffer(key, w, h) {
    let b = buffers.get(key);
    if (!b || b.w !== w || b.h !== h) {
      const canvas = document.createElement("canvas");
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext("2d");
      b = { w, h, canvas, ctx, img: ctx.createImageData(w, h),
        above: new Uint8Array(w * h), band: new Uint8Array(w * h), done: new Uint8Array(w * h) };
      buffers.set(key, b);
    }
    return b;
  }

  function paint(ctx, box, lo, hi, pAt) {
    // at most PAINT samples a side (a phone's 2× screen would need four times as many forward passes), smoothed
    const ratio = window.devicePixelRatio || 1;
    const w = Math.min(PAINT, Math.round((box.x1 - box.x0) * ratio)), h = Math.min(PAINT, Math.round((box.y1 - box.y0) * ratio));
    const { canvas, ctx: offCtx, img, above, band, done } = buffer(ctx, w, h);
    const px = img.data;
    sampleBands(w, h, lo, hi, pAt, band, above, done);
    for (let j = 0; j < h; j++) {
      for (let i = 0; i < w; i++) {
        const o = j * w + i;
        const edge = (i + 1 < w && above[o + 1] !== above[o]) || (j + 1 < h && above[o + w] !== above[o]);
        const c = edge ? BLACK : bandColors[band[o]];
        const q = 4 * o;
        px[q] = c[0];
        px[q + 1] = c[1];
        px[q + 2] = c[2];
        px[q + 3] = 255;
      }
    }
    offCtx.putImageData(img, 0, 0);
    ctx.drawImage(canvas, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
  }

  function points(ctx, pts, sx, sy) {
    pts.forEach(([x, y], k) => {
      const cls = data.t[k];
      ctx.fillStyle = CLASS_COLORS[cls];
      ctx.strokeStyle = "#000";
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      if (cls === 1) ctx.rect(sx(x) - 6, sy(y) - 6, 12, 12);
      else ctx.arc(sx(x), sy(y), 6.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    });
  }

  function drawInput(layers) {
    const ctx = inCtx;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, side, side);
    const [lo, hi] = PLANE;
    const { box, sx, sy, axes } = frame(ctx, lo, hi, ["x₀", "x₁"]);
    paint(ctx, box, lo, hi, evaluator(layers, data.activation));
    ctx.save();
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.6;
    layers[0].W.forEach((w, j) => {
      const ends = unitLine(w[0], w[1], layers[0].b[j], PLANE);
      if (!ends) return;
      ctx.strokeStyle = data.unit_colors[j % data.unit_colors.length];
      ctx.beginPath();
      ctx.moveTo(sx(ends[0][0]), sy(ends[0][1]));
      ctx.lineTo(sx(ends[1][0]), sy(ends[1][1]));
      ctx.stroke();
    });
    ctx.restore();
    points(ctx, data.X, sx, sy);
    axes();
  }

  function drawHidden(layers) {
    const ctx = hidCtx;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, side, side);
    const [lo, hi] = run().window;
    const H = data.sizes[1];
    const two = (v) => [v[0], v[1 % H]];
    const { box, sx, sy, axes } = frame(ctx, lo, hi, ["x⁽¹⁾₀", "x⁽¹⁾₁"]);
    if (H === 2 && layers.length === 2) {
      const { W, b } = layers[1];
      paint(ctx, box, lo, hi, (u, v) => sigmoid(W[0][0] * u + W[0][1] * v + b[0]));
      const ends = unitLine(W[0][0], W[0][1], b[0], [lo, hi]);
      if (ends) {
        ctx.strokeStyle = "#000";
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(sx(ends[0][0]), sy(ends[0][1]));
        ctx.lineTo(sx(ends[1][0]), sy(ends[1][1]));
        ctx.stroke();
      }
    }
    // the image of the input square's grid: bent lines
    clipTo(ctx, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
    ctx.strokeStyle = "rgba(60,60,60,0.8)";
    ctx.lineWidth = 0.8;
    const hidden = (x) => two(trace(layers, data.activation, x)[1]);
    for (let c = 0; c < 7; c++) {
      const v = -0.25 + (c * 1.5) / 6;
      for (const along of [(s) => [s, v], (s) => [v, s]]) {
        ctx.beginPath();
        for (let i = 0; i <= 40; i++) {
          const [u, w] = hidden(along(-0.25 + (i * 1.5) / 40));
          if (i) ctx.lineTo(sx(u), sy(w)); else ctx.moveTo(sx(u), sy(w));
        }
        ctx.stroke();
      }
    }
    points(ctx, data.X.map(hidden), sx, sy);
    ctx.restore();
    axes();
  }

  function drawLoss() {
    const ctx = lossCtx;
    const w = side, h = Math.round(side * 0.8);
    const box = { x0: 50, x1: w - 18, y0: 22, y1: h - 30 };
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, w, h);
    const [ts, Ls] = run().curve;
    const axis = valueAxis(Ls, box.y1, box.y0, 1);
    const maxT = Math.max(run().steps, 1);
    const px = (t) => box.x0 + (t / maxT) * (box.x1 - box.x0);
    chartFrame(ctx, box, h, {
      y: axis.y, yTicks: axis.ticks, x: px, xTicks: niceTicks(0, maxT, 4).map((v) => [v, String(Math.round(v))]),
      xGrid: false, font: "12px sans-serif", xTitle: "训练轮数", yTitle: axis.log ? "损失 L（对数刻度）" : "损失 L",
    });
    const now = run().epochs[snap];
    const line = (upTo, color, width) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.beginPath();
      let started = false;
      ts.forEach((t, i) => {
        if (t > upTo) return;
        if (started) ctx.lineTo(px(t), axis.y(Ls[i])); else { ctx.moveTo(px(t), axis.y(Ls[i])); started = true; }
      });
      ctx.stroke();
    };
    line(Infinity, "#bbb", 1.2);
    line(now, "#1f77b4", 2);
    const L = run().losses[snap];
    ctx.fillStyle = "#d62728";
    ctx.beginPath();
    ctx.arc(px(now), axis.y(L), 5, 0, 2 * Math.PI);
    ctx.fill();
  }

  function readout(layers) {
    const r = run(), epoch = r.epochs[snap];
    const right = data.X.filter((x, k) => (trace(layers, data.activation, x).pop()[0] > 0.5 ? 1 : 0) === data.t[k]).length;
    setText(msg, `η = ${fmt(data.etas[etaIndex])}，第 ${epoch} 轮：L = ${fmt(r.losses[snap], 4)}，分对 ${right}/4。整个训练：${r.sentence}`);
    msg.classList.toggle("nnx-bad", r.verdict === "diverging");
    root.dataset.verdict = r.verdict;
  }

  function drawAll() {
    const layers = unflatten(data.sizes, run().params[snap]);
    drawInput(layers);
    drawHidden(layers);
    drawLoss();
    readout(layers);
    syncControls();
  }
  const draw = countFrames(root, drawAll);
  const schedule = frameScheduler(draw);

  const save = settledSave(model, () => ({ eta: data.etas[etaIndex], epoch: run().epochs[snap] }));

  etaSlider.addEventListener("input", () => {
    const epoch = run().epochs[snap];
    etaIndex = Number(etaSlider.value);
    snap = snapAt(epoch);
    schedule();
    save();
  });
  epochSlider.addEventListener("input", () => { snap = Number(epochSlider.value); schedule(); save(); });

  function tick() {
    if (!playing) return;
    if (snap < run().epochs.length - 1) { snap += 1; draw(); requestAnimationFrame(tick); }
    else { setPlaying(false); save(); }
  }
  function setPlaying(on) {
    playing = on;
    play.textContent = on ? "❚❚ 暂停" : "▶ 播放";
    play.setAttribute("aria-pressed", String(on));
  }
  play.addEventListener("click", () => {
    if (playing) { setPlaying(false); save(); return; }
    if (snap >= run().epochs.length - 1) snap = 0;
    setPlaying(true);
    requestAnimationFrame(tick);
  });

  model.on("change:eta", () => {
    const i = data.etas.indexOf(model.get("eta"));
    if (i >= 0 && i !== etaIndex) { const epoch = run().epochs[snap]; etaIndex = i; snap = snapAt(epoch); schedule(); }
  });
  model.on("change:epoch", () => { const k = snapAt(model.get("epoch")); if (k !== snap) { snap = k; schedule(); } });

  layout();
  draw();
  const unwatch = onWidthChange(host, () => { layout(); schedule(); });
  return () => { playing = false; unwatch(); };
}

const api = { render, forward, evaluator, unflatten, unitLine, sampleBands, mountStatic: (root) => mountStatic(render, root) };
export default api;
