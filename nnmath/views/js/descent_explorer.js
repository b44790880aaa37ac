// The descent explorer (梯度下降探索器): one front end, live (anywidget) and static (the book's pages).
//
// render({model, el}) draws a loss surface (2-D: contour map) or a loss curve (1-D) with the
// gradient-descent path and the loss per step, and answers the η slider, the steps slider and the
// start point (dragged on the map, or arrow keys) by redrawing in the browser: no kernel round trip.
// The model is an anywidget model (live) or the stand-in of mountStatic (static page).
// descend() mirrors nnmath.gradient_descent step for step (tests/browser/test_explorer_parity.py)
// and judge() mirrors nnmath.descent.judge: every label below comes from that one verdict.

const SVG_COLORS = ["#d62728", "#ff7f0e", "#e377c2", "#17becf", "#bcbd22", "#8c564b"];
const START_COLOR = "#2ca02c";
const LOSS_COLOR = "#1f77b4";

// ---- the maths: loss and gradient of a spec, gradient descent, verdict ----

function functions(spec) {
  if (spec.kind === "quadratic") {
    // L(w) = Lp + gp·d + ½ dᵀ H d,  ∇L = gp + H d,  d = w - p (p: the minimum, or the origin)
    const H = spec.H, p = spec.p, gp = spec.gp, Lp = spec.Lp, n = p.length;
    const hd = (d) => {
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += H[i][j] * d[j];
        out[i] = s;
      }
      return out;
    };
    return {
      loss(w) {
        const d = w.map((x, i) => x - p[i]);
        const h = hd(d);
        let lin = 0, quad = 0;
        for (let i = 0; i < n; i++) { lin += gp[i] * d[i]; quad += d[i] * h[i]; }
        return Lp + lin + 0.5 * quad;
      },
      grad(w) {
        const d = w.map((x, i) => x - p[i]);
        const h = hd(d);
        return h.map((x, i) => gp[i] + x);
      },
    };
  }
  if (spec.kind === "multi_minima") {
    // nnmath.landscapes.multi_minima: (w0²-1)² + (w1²-1)² + 0.3 w0 + 0.2 w1
    return {
      loss([a, b]) {
        const u = a * a - 1, v = b * b - 1;
        return u * u + v * v + 0.3 * a + 0.2 * b;
      },
      grad([a, b]) {
        return [4 * a * (a * a - 1) + 0.3, 4 * b * (b * b - 1) + 0.2];
      },
    };
  }
  if (spec.kind === "polynomial") {
    // a curve L(w) = Σ a_k w^k with L'(w) = Σ b_k w^k, evaluated from the highest power (as numpy's polyval)
    const horner = (c, x) => {
      let v = c[c.length - 1];
      for (let k = c.length - 2; k >= 0; k--) v = c[k] + v * x;
      return v;
    };
    return { loss: ([w]) => horner(spec.loss, w), grad: ([w]) => [horner(spec.grad, w)] };
  }
  if (spec.kind === "sigmoid_target") {
    // nnmath.landscapes.saturated_neuron: (σ(w) - y)², with nnmath.sigmoid's overflow-free σ
    const y = spec.target;
    const sigma = (x) => {
      const e = Math.exp(-Math.abs(x));
      return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    };
    return {
      loss([w]) {
        const d = sigma(w) - y;
        return d * d;
      },
      grad([w]) {
        const s = sigma(w);
        return [2 * (s - y) * s * (1 - s)];
      },
    };
  }
  throw new Error("unknown landscape kind " + spec.kind);
}

// nnmath.gradient_descent, step for step. Returns {points, losses, convergedAt, divergedAt, fault, verdict}:
// fault is the step where the loss or gradient stopped being finite while the run was not growing
// (nnmath raises DescentError there), or null.
function descend(spec, w0, lr, steps, tol = 1e-6, maxNorm = 1e8) {
  const F = functions(spec);
  let w = w0.slice();
  let n = norm(w);
  const limit = maxNorm * Math.max(1, n);
  const points = [w], losses = [F.loss(w)];
  let convergedAt = null, divergedAt = null, fault = null, growing = false;
  if (!Number.isFinite(losses[0])) fault = 0;
  else {
    for (let t = 0; t <= steps; t++) {
      const g = F.grad(w);
      if (!g.every(Number.isFinite)) {
        if (!growing) fault = t;
        else divergedAt = t;
        break;
      }
      if (norm(g) <= tol) { convergedAt = t; break; }
      if (t === steps) break;
      const next = w.map((x, i) => x - lr * g[i]);
      const nextNorm = norm(next);
      if (!next.every(Number.isFinite) || nextNorm > limit) { divergedAt = t + 1; break; }
      growing = nextNorm > n;
      const lossNext = F.loss(next);
      if (!Number.isFinite(lossNext)) {
        if (!growing) fault = t + 1;
        else divergedAt = t + 1;
        break;
      }
      w = next;
      n = nextNorm;
      points.push(w);
      losses.push(lossNext);
    }
  }
  const run = { points, losses, lr, convergedAt, divergedAt, fault };
  run.verdict = judge(run);
  return run;
}

// The rules of nnmath.descent.judge (SETTLED, NOISE, TAIL there; a Python test checks they agree).
const SETTLED = 1e-5, NOISE = 1e-12, TAIL = 4;

// nnmath.descent.judge: converged, diverging, oscillating or moving, read off the run with thresholds
// relative to its own scale; "fault" when the run could not go on (nnmath.DescentError).
function judge(run) {
  if (run.fault !== null) return "fault";
  if (run.convergedAt !== null) return "converged";
  if (run.divergedAt !== null) return "diverging";
  const k = run.points.length - 1;
  if (k === 0) return "moving";
  const moves = [], lengths = [];
  for (let t = 0; t < k; t++) {
    const d = run.points[t + 1].map((x, i) => x - run.points[t][i]);
    moves.push(d);
    lengths.push(norm(d));
  }
  const L = run.losses;
  let top = 0;
  for (const v of L) top = Math.max(top, Math.abs(v));
  const noise = NOISE * top;
  const longest = Math.max(...lengths);
  if (longest === 0 || lengths[k - 1] <= SETTLED * longest) return "converged";
  const rising = k >= 3 && [1, 2, 3].every((j) => L[k - j + 1] - L[k - j] > noise);
  const widening = k >= 3 && lengths[k - 1] > lengths[k - 2] && lengths[k - 2] > lengths[k - 3];
  if (L[k] - L[0] > noise || (rising && widening)) return "diverging";
  const tail = moves.slice(-TAIL);
  const turns = (a, b) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s < 0; };
  if (tail.length >= 2 && tail.slice(1).every((d, i) => turns(d, tail[i]))) return "oscillating";
  return "moving";
}

// One sentence (Chinese) per judgement, word for word nnmath.views.describe: the readout, the message and
// the colours all come from here.
function describe(run, data) {
  const L = run.losses, last = L[L.length - 1];
  const k = run.points.length - 1;
  const step = (t) => norm(run.points[t + 1].map((x, i) => x - run.points[t][i]));
  switch (run.verdict) {
    case "fault":
      return run.fault === 0 ? "无法开始：起点处的损失或梯度超出浮点数范围" : `停止：第 ${run.fault} 步损失或梯度不再是有限数`;
    case "diverging":
      if (run.divergedAt !== null) return `发散：第 ${run.divergedAt} 步数值爆炸（|w| 超过起点的一亿倍），停止`;
      return `发散：损失越走越大，${k} 步后 L = ${fmt(last, 3)}（起点 ${fmt(L[0], 3)}）`;
    case "converged":
      if (run.convergedAt !== null) return `收敛：第 ${run.convergedAt} 步梯度长度 ≤ ${fmt(data.tol)}，L = ${fmt(last, 4)}`;
      return `收敛：${k} 步后步长不到最长一步的 ${fmt(SETTLED)}，L = ${fmt(last, 4)}`;
    case "oscillating":
      return `振荡：每一步都跳到另一侧，步长每步变为 ${fmt(step(k - 1) / step(k - 2), 2)} 倍；${k} 步后 L = ${fmt(last, 4)}`;
    default: {
      if (k === 0) return `还在下降：0 步后 L = ${fmt(last, 4)}`;
      let longest = 0;
      for (let t = 0; t < k; t++) longest = Math.max(longest, step(t));
      const ratio = fmt(step(k - 1) / longest, 2);
      return `还在下降：${k} 步后 L = ${fmt(last, 4)}，最后一步仍是最长一步的 ${ratio} 倍（不到 ${fmt(SETTLED)} 才算收敛）`;
    }
  }
}

const BAD = { diverging: true, fault: true };

// ---- drawing helpers ----

// Where the segment from (x0, y0) (inside) to (x1, y1) crosses the box's border.
function exitPoint(x0, y0, x1, y1, box) {
  let t = 1;
  const dx = x1 - x0, dy = y1 - y0;
  if (dx > 0) t = Math.min(t, (box.x1 - x0) / dx);
  if (dx < 0) t = Math.min(t, (box.x0 - x0) / dx);
  if (dy > 0) t = Math.min(t, (box.y1 - y0) / dy);
  if (dy < 0) t = Math.min(t, (box.y0 - y0) / dy);
  return [x0 + t * dx, y0 + t * dy];
}

const STYLE = `
.nnx-map { touch-action: none; cursor: crosshair; }
.nnx-map:focus { outline: 3px solid #4c8bf5; outline-offset: 1px; }
`;

// ---- the explorer ----

function render({ model, el: host }) {
  const data = model.get("data");
  const is2d = data.dims === 2;
  // data-lm-suppress-shortcuts: in JupyterLab, arrow keys on the sliders and the map go to them, not to the notebook
  const root = explorerRoot(data.title, "descent");
  root.appendChild(el("style", {}, STYLE));
  root.appendChild(el("div", { class: "nnx-title", style: "font-weight:600" }, data.title));

  // η: a log-scale slider, a typed value, ticks at the values the text discusses
  const [lo, hi] = data.eta_range;
  const RES = 1000;
  const toPos = (eta) => Math.round(((Math.log10(eta) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * RES);
  const fromPos = (pos) => 10 ** (Math.log10(lo) + (pos / RES) * (Math.log10(hi) - Math.log10(lo)));
  const etaRow = el("div", { class: "nnx-row" });
  const etaId = "nnx-eta-" + Math.random().toString(36).slice(2);
  etaRow.appendChild(el("label", { for: etaId }, "学习率 η"));
  const etaWrap = el("div", { class: "nnx-slider" });
  const etaSlider = el("input", { type: "range", id: etaId, min: 0, max: RES, step: 1, "aria-label": "学习率 η（对数刻度）" });
  etaWrap.appendChild(etaSlider);
  const ticks = el("div", { class: "nnx-ticks", "aria-hidden": "true" });
  for (const [label, value] of data.ticks) {
    if (value < lo || value > hi) continue;
    const span = el("span", {}, label);
    span.style.left = (toPos(value) / RES) * 100 + "%";
    ticks.appendChild(span);
  }
  etaWrap.appendChild(ticks);
  etaRow.appendChild(etaWrap);
  const etaNum = el("input", { type: "number", class: "nnx-num", min: 0, step: "any", "aria-label": "学习率 η 的数值" });
  etaRow.appendChild(etaNum);
  root.appendChild(etaRow);

  const stepRow = el("div", { class: "nnx-row" });
  const stepId = etaId + "-steps";
  stepRow.appendChild(el("label", { for: stepId }, "步数"));
  const stepWrap = el("div", { class: "nnx-slider" });
  stepWrap.style.paddingBottom = "0";
  const stepSlider = el("input", { type: "range", id: stepId, min: 1, max: data.max_steps, step: 1, "aria-label": "步数" });
  stepWrap.appendChild(stepSlider);
  stepRow.appendChild(stepWrap);
  const stepOut = el("output", { class: "nnx-out", for: stepId });
  stepRow.appendChild(stepOut);
  root.appendChild(stepRow);

  let multiBox = null, removeButton = null;
  if (is2d) {
    const multiRow = el("div", { class: "nnx-row" });
    const lab = el("label");
    multiBox = el("input", { type: "checkbox" });
    lab.appendChild(multiBox);
    lab.appendChild(document.createTextNode(" 多个起点（在图上点击添加）"));
    multiRow.appendChild(lab);
    removeButton = el("button", { type: "button" }, "删除选中的起点");
    multiRow.appendChild(removeButton);
    root.appendChild(multiRow);
  }

  // the picture: contour map, or the surface in 3-D (when the explorer offers both)
  let view3d = false;
  if (is2d && (data.views || []).length > 1) {
    const viewRow = el("div", { class: "nnx-row", role: "radiogroup", "aria-label": "视图" });
    viewRow.appendChild(el("span", {}, "视图"));
    const name = etaId + "-view";
    for (const [value, label] of [["contour", "等高线图"], ["surface", "三维曲面"]]) {
      const lab = el("label");
      const radio = el("input", { type: "radio", name, value });
      radio.checked = value === data.views[0];
      radio.addEventListener("change", () => {
        view3d = radio.value === "surface";
        mapCanvas.setAttribute("aria-label", view3d ? "三维曲面：方向键移动起点" : "等高线图：点击或拖动设置起点，方向键移动起点");
        background = drawBackground();
        schedule();
      });
      lab.appendChild(radio);
      lab.appendChild(document.createTextNode(" " + label));
      viewRow.appendChild(lab);
    }
    view3d = data.views[0] === "surface";
    root.appendChild(viewRow);
  }

  const msg = readoutElement();
  root.appendChild(msg);
  const mapCanvas = el("canvas", {
    class: "nnx-map",
    tabindex: "0",
    role: "img",
    "aria-label": is2d ? "等高线图：点击或拖动设置起点，方向键移动起点" : "损失曲线：点击或拖动设置起点，方向键移动起点",
  });
  const lossCanvas = el("canvas", { class: "nnx-loss", role: "img", "aria-label": "每一步的损失" });
  root.appendChild(panelsElement(mapCanvas, lossCanvas));
  root.appendChild(el("p", { class: "nnx-help" }, is2d
    ? "在等高线图上拖动绿色起点（或点击它后用方向键移动；多个起点时 Enter 添加、空格切换）；★ 是极小值。"
    : "在曲线图上左右拖动绿色起点（或点击它后用方向键移动）；★ 是极小值。"));
  host.appendChild(root);

  // state
  let eta = model.get("eta"), steps = model.get("steps");
  let starts = model.get("starts").map((p) => p.slice());
  let active = starts.length - 1;
  if (multiBox) multiBox.checked = starts.length > 1;
  let runs = [];

  const win = data.window; // 2-D: [x0, x1, y0, y1]; 1-D: [x0, x1]
  let W = 0, H = 0, mapCtx = null, lossCtx = null, background = null;
  const M = { left: 46, right: 10, top: 10, bottom: 34 };
  const plot = () => ({ x0: M.left, x1: W - M.right, y0: M.top, y1: H - M.bottom });
  const yRange = is2d ? [win[2], win[3]] : data.ylim;
  const sx = (x) => M.left + ((x - win[0]) / (win[1] - win[0])) * (W - M.left - M.right);
  const sy = (y) => H - M.bottom - ((y - yRange[0]) / (yRange[1] - yRange[0])) * (H - M.top - M.bottom);
  const ix = (px) => win[0] + ((px - M.left) / (W - M.left - M.right)) * (win[1] - win[0]);
  const iy = (py) => yRange[0] + ((H - M.bottom - py) / (H - M.top - M.bottom)) * (yRange[1] - yRange[0]);
  const F = functions(data.spec);
  // 3-D: the window seen from azimuth -55°, elevation 30° (as matplotlib's default), heights over the levels' range
  const AZ = (-55 * Math.PI) / 180, EL = (30 * Math.PI) / 180;
  const zRange = is2d ? [data.levels[0], data.levels[data.levels.length - 1]] : [0, 1];
  function project(x, y, z) {
    const u = (2 * (x - win[0])) / (win[1] - win[0]) - 1, v = (2 * (y - yRange[0])) / (yRange[1] - yRange[0]) - 1;
    const h = Math.min(Math.max((z - zRange[0]) / (zRange[1] - zRange[0]), 0), 1.15);
    const X = u * Math.cos(AZ) - v * Math.sin(AZ), Y = u * Math.sin(AZ) + v * Math.cos(AZ);
    const R = 0.34 * W;
    return [W / 2 + X * R, H * 0.56 - Y * R * Math.sin(EL) - (h - 0.3) * R * Math.cos(EL) * 1.25];
  }

  function layout() {
    const avail = layoutWidth(host, root);
    const side = avail >= 720 ? Math.floor((avail - 8) / 2) : Math.min(avail, 480);
    W = side;
    H = is2d ? side : Math.round(side * 0.8);
    mapCtx = setupCanvas(mapCanvas, W, H);
    lossCtx = setupCanvas(lossCanvas, side, Math.round(side * 0.8));
    background = drawBackground();
  }

  // The contour map (or the curve) with its axes, drawn once per size into an offscreen canvas.
  function drawBackground() {
    const ratio = window.devicePixelRatio || 1;
    const off = document.createElement("canvas");
    off.width = Math.round(W * ratio);
    off.height = Math.round(H * ratio);
    const ctx = off.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, W, H);
    const box = plot();
    if (view3d) {
      // the surface as quadrilaterals coloured by contour band, drawn from the back to the front
      const N = 28, quads = [];
      const colors = data.colors, levels = data.levels;
      const at = (i, j) => [win[0] + (i / N) * (win[1] - win[0]), yRange[0] + (j / N) * (yRange[1] - yRange[0])];
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const corners = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
          const [cx, cy] = at(i + 0.5, j + 0.5);
          const L = F.loss([cx, cy]);
          let k = 0;
          while (k < levels.length - 2 && levels[k + 1] <= L) k++;
          const u = (2 * (cx - win[0])) / (win[1] - win[0]) - 1, v = (2 * (cy - yRange[0])) / (yRange[1] - yRange[0]) - 1;
          quads.push({ depth: u * Math.sin(AZ) + v * Math.cos(AZ), color: colors[k], corners });
        }
      }
      quads.sort((a, b) => b.depth - a.depth);
      ctx.lineWidth = 0.5;
      ctx.strokeStyle = "rgba(255,255,255,0.55)";
      for (const q of quads) {
        ctx.beginPath();
        q.corners.forEach(([x, y], c) => {
          const [px, py] = project(x, y, F.loss([x, y]));
          if (c) ctx.lineTo(px, py); else ctx.moveTo(px, py);
        });
        ctx.closePath();
        ctx.fillStyle = q.color;
        ctx.fill();
        ctx.stroke();
      }
      ctx.fillStyle = "#222";
      ctx.font = "13px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      const [ax, ay] = project((win[0] + win[1]) / 2, yRange[0], zRange[0]);
      ctx.fillText(data.labels[0], ax, Math.min(ay + 26, H - 8));
      const [bx, by] = project(win[1], (yRange[0] + yRange[1]) / 2, zRange[0]);
      ctx.fillText(data.labels[1], Math.min(bx + 22, W - 12), Math.min(by + 18, H - 8));
      return off;
    }
    if (is2d) {
      // colour every pixel by its contour band (levels and colours from nnmath), white lines between bands
      const pw = Math.round((box.x1 - box.x0) * ratio), ph = Math.round((box.y1 - box.y0) * ratio);
      const img = ctx.createImageData(pw, ph);
      const levels = data.levels, colors = data.colors.map((c) => [1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16)));
      const band = new Int16Array(pw * ph);
      for (let j = 0; j < ph; j++) {
        const y = yRange[1] - ((j + 0.5) / ph) * (yRange[1] - yRange[0]);
        for (let i = 0; i < pw; i++) {
          const x = win[0] + ((i + 0.5) / pw) * (win[1] - win[0]);
          const L = F.loss([x, y]);
          let k = 0, a = 0, b = levels.length - 1;
          if (L <= levels[0]) k = 0;
          else if (L >= levels[b]) k = b - 1;
          else {
            while (b - a > 1) { const m = (a + b) >> 1; if (levels[m] <= L) a = m; else b = m; }
            k = a;
          }
          band[j * pw + i] = k;
        }
      }
      for (let j = 0; j < ph; j++) {
        for (let i = 0; i < pw; i++) {
          const k = band[j * pw + i];
          const edge = (i + 1 < pw && band[j * pw + i + 1] !== k) || (j + 1 < ph && band[(j + 1) * pw + i] !== k);
          const c = colors[Math.min(k, colors.length - 1)];
          const o = 4 * (j * pw + i);
          const mix = edge ? 0.55 : 0;
          img.data[o] = c[0] + (255 - c[0]) * mix;
          img.data[o + 1] = c[1] + (255 - c[1]) * mix;
          img.data[o + 2] = c[2] + (255 - c[2]) * mix;
          img.data[o + 3] = 255;
        }
      }
      ctx.putImageData(img, Math.round(box.x0 * ratio), Math.round(box.y0 * ratio));
    } else {
      ctx.strokeStyle = "#e4e4e4";
      ctx.lineWidth = 1;
      for (const v of niceTicks(yRange[0], yRange[1], 5)) { ctx.beginPath(); ctx.moveTo(box.x0, sy(v)); ctx.lineTo(box.x1, sy(v)); ctx.stroke(); }
      ctx.strokeStyle = LOSS_COLOR;
      ctx.lineWidth = 2;
      const n = 400;
      clipTo(ctx, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
      ctx.beginPath();
      for (let i = 0; i <= n; i++) {
        const x = win[0] + (i / n) * (win[1] - win[0]);
        const y = sy(F.loss([x]));
        if (i === 0) ctx.moveTo(sx(x), y); else ctx.lineTo(sx(x), y);
      }
      ctx.stroke();
      ctx.restore();
    }
    // minima
    for (const m of data.minima) {
      const px = sx(m[0]), py = is2d ? sy(m[1]) : sy(F.loss([m[0]]));
      ctx.fillStyle = "#fff";
      ctx.strokeStyle = "#000";
      ctx.font = "18px sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.strokeText("★", px, py);
      ctx.fillText("★", px, py);
    }
    // axes
    planeFrame(ctx, box, H, {
      sx, xTicks: niceTicks(win[0], win[1], W < 360 ? 4 : 6), sy, yTicks: niceTicks(yRange[0], yRange[1], 5),
      names: data.labels, marks: true,
    });
    return off;
  }

  function compute() {
    runs = starts.map((s) => descend(data.spec, s, eta, steps, data.tol, data.max_norm));
  }

  // position of iterate k of a run on the map (1-D: on the curve)
  function where(run, k) {
    const p = run.points[k];
    if (view3d) return project(p[0], p[1], run.losses[k]);
    return is2d ? [sx(p[0]), sy(p[1])] : [sx(p[0]), sy(run.losses[k])];
  }

  // a surface's iterate leaves the picture when it leaves the window (a curve's also when L leaves the axis)
  function leaves(run, k, box) {
    const p = run.points[k];
    if (is2d) return p[0] < win[0] || p[0] > win[1] || p[1] < yRange[0] || p[1] > yRange[1];
    const [x, y] = where(run, k);
    return !(x >= box.x0 - 0.5 && x <= box.x1 + 0.5 && y >= box.y0 - 0.5 && y <= box.y1 + 0.5);
  }

  // where the step from iterate k - 1 (inside) to k (outside) crosses the picture's border, on screen
  function exitOnScreen(run, k, box) {
    const [x0, y0] = where(run, k - 1);
    if (!is2d) return exitPoint(x0, y0, ...where(run, k), box);
    const a = run.points[k - 1], b = run.points[k];
    const [ex, ey] = exitPoint(a[0], a[1], b[0], b[1], { x0: win[0], x1: win[1], y0: yRange[0], y1: yRange[1] });
    return view3d ? project(ex, ey, F.loss([ex, ey])) : [sx(ex), sy(ey)];
  }

  function drawMap() {
    const ctx = mapCtx;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(background, 0, 0);
    ctx.restore();
    const box = plot();
    runs.forEach((run, r) => {
      const color = SVG_COLORS[r % SVG_COLORS.length];
      const n = run.points.length;
      // the path up to the first iterate that leaves the frame; then an arrow to the border
      let left = -1;
      const pts = [];
      for (let k = 0; k < n; k++) {
        if (leaves(run, k, box)) { left = k; break; }
        pts.push(where(run, k));
      }
      if (!is2d && data.tangents > 0) {
        ctx.strokeStyle = "#ff7f0e";
        ctx.lineWidth = 1.6;
        const xr = win[1] - win[0], yr = yRange[1] - yRange[0];
        for (let k = 0; k < Math.min(pts.length, data.tangents); k++) {
          const w = run.points[k][0], slope = F.grad([w])[0], L = run.losses[k];
          const dx = 0.09 / Math.hypot(1 / xr, slope / yr);
          ctx.beginPath();
          ctx.moveTo(sx(w - dx), sy(L - slope * dx));
          ctx.lineTo(sx(w + dx), sy(L + slope * dx));
          ctx.stroke();
        }
      }
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = is2d ? 1.6 : 1;
      ctx.beginPath();
      pts.forEach(([x, y], k) => (k ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      ctx.stroke();
      for (const [x, y] of pts) { ctx.beginPath(); ctx.arc(x, y, is2d ? 2.4 : 3, 0, 2 * Math.PI); ctx.fill(); }
      if (left > 0) {
        const [x0, y0] = pts[pts.length - 1];
        const [ex, ey] = exitOnScreen(run, left, box);
        arrow(ctx, x0, y0, ex, ey, "#b00000");
        ctx.font = "bold 12px sans-serif";
        ctx.fillStyle = "#b00000";
        ctx.textAlign = ex > (box.x0 + box.x1) / 2 ? "right" : "left";
        ctx.textBaseline = ey > (box.y0 + box.y1) / 2 ? "bottom" : "top";
        const tx = Math.min(Math.max(ex, box.x0 + 4), box.x1 - 4), ty = Math.min(Math.max(ey, box.y0 + 4), box.y1 - 4);
        ctx.fillText(`第 ${left} 步冲出画面`, tx, ty);
      } else if (n > 1 || left < 0) {
        const [x, y] = pts[pts.length - 1];
        ctx.fillStyle = "#fff";
        ctx.strokeStyle = "#000";
        ctx.lineWidth = 1;
        ctx.font = "bold 15px sans-serif";
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        if (n > 1) { ctx.strokeText("✕", x, y); ctx.fillStyle = color; ctx.fillText("✕", x, y); }
      }
      // the start point (a handle, larger than a finger's error)
      const [x, y] = where(run, 0);
      if (!leaves(run, 0, box)) {
        ctx.beginPath();
        ctx.arc(x, y, r === active ? 8 : 6.5, 0, 2 * Math.PI);
        ctx.fillStyle = START_COLOR;
        ctx.fill();
        ctx.lineWidth = r === active ? 2.5 : 1.2;
        ctx.strokeStyle = "#000";
        ctx.stroke();
      }
    });
  }

  function drawLoss() {
    const ctx = lossCtx;
    const w = parseFloat(lossCanvas.style.width), h = parseFloat(lossCanvas.style.height);
    const box = { x0: 58, x1: w - 10, y0: 22, y1: h - 34 };
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, w, h);
    const all = runs.flatMap((r) => r.losses);
    let lo = Math.min(...all), hi = Math.max(...all);
    const positive = lo > 0;
    const log = positive && hi / lo > 1e3;
    if (log) { lo = Math.log10(lo); hi = Math.log10(hi); }
    else {
      // losses that cannot go on a log scale (some ≤ 0) and blow up: keep the starts' scale, the rise leaves the top
      const top = Math.max(...runs.map((r) => r.losses[0]));
      if (hi - lo > 20 * (top - lo) && top > lo) hi = top + 0.5 * (top - lo);
    }
    if (!(hi > lo)) { const pad = Math.max(Math.abs(hi) * 0.1, 1e-12); lo -= pad; hi += pad; }
    const pad = 0.06 * (hi - lo);
    lo -= pad; hi += pad;
    const maxT = Math.max(steps, 1);
    const px = (t) => box.x0 + (t / maxT) * (box.x1 - box.x0);
    const py = (L) => box.y1 - (((log ? Math.log10(L) : L) - lo) / (hi - lo)) * (box.y1 - box.y0);
    const yt = log ? niceTicks(Math.ceil(lo), Math.floor(hi), 5).filter((v) => Number.isInteger(v)) : niceTicks(lo, hi, 5);
    chartFrame(ctx, box, h, {
      y: (v) => box.y1 - ((v - lo) / (hi - lo)) * (box.y1 - box.y0), yTicks: yt.map((v) => [v, log ? "10" + sup(v) : fmt(v)]),
      x: px, xTicks: niceTicks(0, maxT, 5).map((v) => [v, String(Math.round(v))]),
      xTitle: "步数 t", yTitle: log ? "每一步的损失 L（对数刻度）" : "每一步的损失 L",
    });
    clipTo(ctx, box.x0, box.y0 - 2, box.x1 - box.x0, box.y1 - box.y0 + 4);
    runs.forEach((run, r) => {
      ctx.strokeStyle = runs.length > 1 ? SVG_COLORS[r % SVG_COLORS.length] : LOSS_COLOR;
      ctx.lineWidth = 1.8;
      ctx.beginPath();
      run.losses.forEach((L, t) => (t ? ctx.lineTo(px(t), py(L)) : ctx.moveTo(px(t), py(L))));
      ctx.stroke();
      if (run.divergedAt !== null) {
        // the step where the run blew up: an arrow pointing up off the chart
        const x = px(run.divergedAt);
        arrow(ctx, px(run.losses.length - 1), py(run.losses[run.losses.length - 1]), x, box.y0, "#b00000");
      }
    });
    ctx.restore();
  }

  function readout() {
    const run = runs[active];
    const text = describe(run, data);
    let note = "";
    data.notes.forEach(([value, label]) => { if (Math.abs(eta - value) <= 1e-12 * value) note = `（理论：${label}）`; });
    const p = starts[active].map((v) => fmt(v, 3)).join(", ");
    setText(msg, `η = ${fmt(eta, 3)}${note}，起点 (${p})：${text}`);
    msg.classList.toggle("nnx-bad", !!BAD[run.verdict]);
    root.dataset.verdict = run.verdict;
    root.dataset.landscape = data.spec.kind;
    root.dataset.starts = String(starts.length);
    setText(stepOut, String(steps));
  }

  function drawAll() {
    compute();
    drawMap();
    drawLoss();
    readout();
  }

  const draw = countFrames(root, drawAll);
  const schedule = frameScheduler(draw);

  function syncControls() {
    setValue(etaSlider, Math.min(RES, Math.max(0, toPos(eta))));
    setAttr(etaSlider, "aria-valuetext", `η = ${fmt(eta, 3)}`);
    if (document.activeElement !== etaNum) setValue(etaNum, Number(eta.toPrecision(4)));
    setValue(stepSlider, steps);
  }

  const save = settledSave(model, () => ({ eta, steps, starts: starts.map((p) => p.slice()) }));

  // the values the text discusses (the notes' η, the ticks): the slider position that shows one gives it exactly
  const marked = [...data.notes.map(([value]) => value), ...data.ticks.map(([, value]) => value)];
  etaSlider.addEventListener("input", () => {
    const pos = Number(etaSlider.value);
    eta = marked.find((value) => toPos(value) === pos) ?? Number(fromPos(pos).toPrecision(4));
    if (document.activeElement !== etaNum) setValue(etaNum, eta);
    setAttr(etaSlider, "aria-valuetext", `η = ${fmt(eta, 3)}`);
    schedule();
    save();
  });
  etaNum.addEventListener("input", () => {
    const v = Number(etaNum.value);
    const bad = !(v > 0) || !Number.isFinite(v);
    etaNum.setCustomValidity(bad ? "学习率 η 必须是正数" : "");
    etaNum.setAttribute("aria-invalid", String(bad));
    etaNum.title = bad ? "学习率 η 必须是正数" : "";
    if (bad) return;
    eta = v;
    etaSlider.value = String(Math.min(RES, Math.max(0, toPos(eta))));
    schedule();
    save();
  });
  stepSlider.addEventListener("input", () => { steps = Number(stepSlider.value); schedule(); save(); });

  // the start point: click or drag on the map, arrow keys when the map has the focus
  function toWorld([x, y]) {
    const box = plot();
    x = Math.min(Math.max(x, box.x0), box.x1);
    y = Math.min(Math.max(y, box.y0), box.y1);
    return is2d ? [ix(x), iy(y)] : [ix(x)];
  }
  onDrag(mapCanvas, {
    down(at) {
      if (view3d) return false; // the start is dragged on the contour map (arrow keys work in both)
      let best = -1, dist = 24;
      runs.forEach((run, r) => {
        const [x, y] = where(run, 0);
        const d = Math.hypot(x - at[0], y - at[1]);
        if (d < dist) { dist = d; best = r; }
      });
      if (best >= 0) active = best;
      else if (multiBox && multiBox.checked && starts.length < SVG_COLORS.length) { starts.push(toWorld(at)); active = starts.length - 1; }
      else starts[active] = toWorld(at);
      schedule();
      save();
    },
    move(at) {
      starts[active] = toWorld(at);
      schedule();
    },
    up: () => { save(); save.flush(); },
  });
  mapCanvas.addEventListener("keydown", (ev) => {
    if (multiBox && multiBox.checked && (ev.key === "Enter" || ev.key === " ")) {
      // Enter adds a start (at the middle of the map), the space bar selects the next one
      if (ev.key === "Enter" && starts.length < SVG_COLORS.length) {
        starts.push([(win[0] + win[1]) / 2, (yRange[0] + yRange[1]) / 2]);
        active = starts.length - 1;
      } else if (ev.key === " ") active = (active + 1) % starts.length;
      ev.preventDefault();
      schedule();
      save();
      return;
    }
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const m = moves[ev.key];
    if (!m || (!is2d && m[0] === 0)) return;
    const f = ev.shiftKey ? 0.1 : 0.02;
    const p = starts[active].slice();
    p[0] += m[0] * f * (win[1] - win[0]);
    if (is2d) p[1] += m[1] * f * (yRange[1] - yRange[0]);
    starts[active] = p;
    ev.preventDefault();
    schedule();
    save();
  });
  if (multiBox) {
    multiBox.addEventListener("change", () => {
      if (!multiBox.checked && starts.length > 1) { starts = [starts[active]]; active = 0; schedule(); save(); }
    });
    removeButton.addEventListener("click", () => {
      if (starts.length > 1) { starts.splice(active, 1); active = starts.length - 1; schedule(); save(); }
    });
  }

  // changes made elsewhere (Python setting the traits) redraw too
  // (our own saves come back as changes too: those change nothing and draw nothing)
  model.on("change:eta", () => { if (model.get("eta") !== eta) { eta = model.get("eta"); syncControls(); schedule(); } });
  model.on("change:steps", () => { if (model.get("steps") !== steps) { steps = model.get("steps"); syncControls(); schedule(); } });
  model.on("change:starts", () => {
    if (JSON.stringify(model.get("starts")) === JSON.stringify(starts)) return;
    starts = model.get("starts").map((p) => p.slice());
    active = Math.min(active, starts.length - 1);
    schedule();
  });

  layout();
  syncControls();
  draw();
  return onWidthChange(host, () => { layout(); schedule(); });
}

const api = { render, descend, judge, describe, functions, mountStatic: (root) => mountStatic(render, root) };
export default api;
