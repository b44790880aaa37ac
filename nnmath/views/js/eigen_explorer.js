// The eigen-direction explorer (特征方向探索器, 附录 A): the bowl L(w) = ½ wᵀHw, live (anywidget) and static.
//
// Left: the bowl's contour lines (ellipses), its eigen-directions v₀ (gentle, green) and v₁ (steep, red) and a
// probe direction v that the reader turns (slider, typed angle, drag on the picture, arrow keys); each arrow
// ends on the level L = 1, so a short arrow means a steep direction. Right: the second derivative vᵀHv along every
// direction, a wave between λ₀ and λ₁, with the probe's value marked: it touches λ₀ and λ₁ exactly at the
// eigen-directions, where the probe snaps. H is built from (λ₀, λ₁, θ) as nnmath.algebra.symmetric_from_eigen
// does and read back with symmetric_eigen; secondDerivativeAlong and levelCurve mirror second_derivative_along and
// bowl_level_curve (tests/browser/test_views_toolkit.py checks them against nnmath.algebra).

const GENTLE = "#2ca02c", STEEP = "#d62728", PROBE = "#6a3d9a";

// ---- the maths (mirrors nnmath.algebra) ----

// columns v0 = (-sin θ, cos θ) and v1 = (cos θ, sin θ), as rows of a 2×2 array [[v0x, v1x], [v0y, v1y]]
function eigenvectors(theta) {
  const c = Math.cos(theta), s = Math.sin(theta);
  return [[-s, c], [c, s]];
}

// nnmath.algebra.symmetric_from_eigen: H = V diag(λ) Vᵀ, symmetrised
function symmetricFromEigen(values, angle) {
  const V = eigenvectors(angle);
  const H = [[0, 0], [0, 0]];
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      // (V diag(λ)) Vᵀ, summed in numpy's order: k = 0, then k = 1
      H[i][j] = V[i][0] * values[0] * V[j][0] + V[i][1] * values[1] * V[j][1];
    }
  }
  const off = 0.5 * (H[0][1] + H[1][0]);
  return [[0.5 * (H[0][0] + H[0][0]), off], [off, 0.5 * (H[1][1] + H[1][1])]];
}

// nnmath.algebra.second_derivative_along: vᵀHv for v = (cos φ, sin φ)
function secondDerivativeAlong(H, phi) {
  const v = [Math.cos(phi), Math.sin(phi)];
  const Hv = [H[0][0] * v[0] + H[0][1] * v[1], H[1][0] * v[0] + H[1][1] * v[1]];
  return v[0] * Hv[0] + v[1] * Hv[1];
}

// nnmath.algebra.bowl_level_curve: the ellipse ½ wᵀHw = level, n + 1 points (the first repeated)
function levelCurve(H, level, n = 200) {
  const e = symmetricEigen(H);
  const half = e.values.map((lam) => Math.sqrt((2.0 * level) / lam));
  const V = e.vectors;
  const out = [];
  for (let k = 0; k <= n; k++) {
    const phi = (2.0 * Math.PI * k) / n;
    const s0 = half[0] * Math.cos(phi), s1 = half[1] * Math.sin(phi);
    out.push([s0 * V[0][0] + s1 * V[0][1], s0 * V[1][0] + s1 * V[1][1]]);
  }
  return out;
}

const RAD = Math.PI / 180;
// degrees between two lines through the origin at angles a and b, in [0, 90]
const apart = (a, b) => Math.abs((((a - b + 90) % 180) + 180) % 180 - 90);

// ---- the explorer ----

const EIGEN_STYLE = `
.nne-controls { display: grid; grid-template-columns: repeat(auto-fit, minmax(270px, 1fr)); gap: 0 18px; }
.nne-control { display: flex; align-items: center; gap: 8px; margin: 2px 0; }
.nne-control label { min-width: 5.5em; }
.nne-control input[type=range] { flex: 1 1 100px; min-width: 100px; height: 30px; margin: 0; touch-action: pan-y; }
.nne-control .nnx-num { width: 5.2em; }
.nne-map { touch-action: none; cursor: grab; }
.nne-map:focus { outline: 3px solid #4c8bf5; outline-offset: 1px; }
.nnx-panels canvas { border: 1px solid #ddd; background: #fff; }
`;

function render({ model, el: host }) {
  const data = model.get("data");
  const R = data.reach;
  let values = model.get("values").slice();
  let theta = model.get("angle");
  let probe = model.get("probe");

  const root = explorerRoot(data.title, "eigen");
  root.appendChild(el("style", {}, EIGEN_STYLE));

  const controls = el("div", { class: "nne-controls" });
  const id = uid("nne");
  const inputs = {};
  function control(key, label, min, max, step, unit) {
    const row = el("div", { class: "nne-control" });
    row.appendChild(el("label", { for: `${id}-${key}` }, label));
    const slider = el("input", { type: "range", id: `${id}-${key}`, min, max, step, "aria-label": label });
    const number = el("input", { type: "number", class: "nnx-num", min, max, step: "any", "aria-label": `${label}的数值${unit}` });
    row.appendChild(slider);
    row.appendChild(number);
    controls.appendChild(row);
    inputs[key] = { slider, number, min, max };
    const take = (v, source) => { set(key, v, source); };
    slider.addEventListener("input", () => take(Number(slider.value), slider));
    number.addEventListener("input", () => {
      const v = Number(number.value);
      const bad = number.value === "" || !Number.isFinite(v) || v < min || v > max;
      const message = `${label}必须在 ${min} 到 ${max} 之间`;
      number.setCustomValidity(bad ? message : "");
      number.setAttribute("aria-invalid", String(bad));
      number.title = bad ? message : "";
      if (!bad) take(v, number);
    });
  }
  const [lmin, lmax] = data.value_range;
  control("l0", "特征值 λ₀", lmin, lmax, 0.01, "");
  control("l1", "特征值 λ₁", lmin, lmax, 0.01, "");
  control("theta", "碗的朝向 θ", 0, 180, 0.5, "（度）");
  control("probe", "方向 φ", 0, 180, 0.1, "（度）");
  root.appendChild(controls);

  const snapRow = el("div", { class: "nnx-row", role: "group", "aria-label": "对准特征方向" });
  const toV0 = el("button", { type: "button" }, "对准 v₀（平缓）");
  const toV1 = el("button", { type: "button" }, "对准 v₁（陡峭）");
  snapRow.appendChild(toV0);
  snapRow.appendChild(toV1);
  root.appendChild(snapRow);

  const map = el("canvas", {
    class: "nne-map", tabindex: "0", role: "img",
    "aria-label": "二次碗的等高线、特征方向和探测方向：拖动紫色箭头转动方向 φ，左右方向键每次转 1 度",
  });
  const wave = el("canvas", { role: "img", "aria-label": "各个方向上的二阶导数 vᵀHv（介于 λ₀ 和 λ₁ 之间）" });
  root.appendChild(panelsElement(map, wave));
  root.appendChild(el("p", { class: "nnx-help" }, "拖动紫色箭头（或聚焦图后按左右方向键）转动方向 φ；靠近特征方向时会吸附上去。"));
  const readout = root.appendChild(readoutElement());
  host.appendChild(root);

  const eigen = () => symmetricEigen(symmetricFromEigen(values, theta * RAD));
  // the eigen-directions in degrees, in [0, 180): v0 then v1
  const eigenDegrees = (e) => [lineDegrees((e.angle / RAD) + 90), lineDegrees(e.angle / RAD)];

  function snap(phi) {
    const e = eigen();
    if (e.values[1] - e.values[0] <= 1e-12 * e.values[1]) return phi;
    for (const d of eigenDegrees(e)) {
      if (apart(phi, d) <= data.snap) return d;
    }
    return phi;
  }

  function set(key, v, source) {
    if (key === "l0") { values[0] = v; if (values[1] < v) values[1] = v; }
    if (key === "l1") { values[1] = v; if (values[0] > v) values[0] = v; }
    if (key === "theta") theta = v;
    if (key === "probe") probe = source === inputs.probe.number ? lineDegrees(v) : snap(lineDegrees(v));
    sync(source);
    schedule();
    save();
  }

  function sync(except) {
    const now = { l0: values[0], l1: values[1], theta, probe };
    for (const [key, { slider, number }] of Object.entries(inputs)) {
      setValue(slider, now[key]);
      setAttr(slider, "aria-valuetext", key === "theta" || key === "probe" ? `${fixed(now[key], 1)} 度` : fixed(now[key]));
      if (number !== except && document.activeElement !== number) setValue(number, Number(now[key].toFixed(4)));
    }
  }

  const save = settledSave(model, () => ({ values: values.slice(), angle: theta, probe }));

  toV0.addEventListener("click", () => { probe = eigenDegrees(eigen())[0]; sync(); schedule(); save(); });
  toV1.addEventListener("click", () => { probe = eigenDegrees(eigen())[1]; sync(); schedule(); save(); });

  let side = 0, W = 0, mapCtx = null, waveCtx = null;
  function layout() {
    const width = host.clientWidth || 700;
    side = Math.max(220, Math.min(width >= 700 ? (width - 12) / 2 : width, 380));
    W = Math.max(220, Math.min(width >= 700 ? width - side - 12 : width, 420));
    mapCtx = setupCanvas(map, side, side);
    waveCtx = setupCanvas(wave, W, Math.round(side * 0.8));
  }
  const pad = 6;
  const sx = (x) => pad + ((x + R) / (2 * R)) * (side - 2 * pad);
  const sy = (y) => pad + ((R - y) / (2 * R)) * (side - 2 * pad);

  function drawMap(H, e, q) {
    const ctx = mapCtx;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, side, side);
    clipTo(ctx, pad, pad, side - 2 * pad, side - 2 * pad);
    ctx.strokeStyle = "#e6e6e6";
    ctx.lineWidth = 1;
    for (let k = -R; k <= R; k++) {
      ctx.beginPath(); ctx.moveTo(sx(k), sy(-R)); ctx.lineTo(sx(k), sy(R)); ctx.stroke();
      ctx.beginPath(); ctx.moveTo(sx(-R), sy(k)); ctx.lineTo(sx(R), sy(k)); ctx.stroke();
    }
    ctx.strokeStyle = "#777";
    for (const level of data.levels) {
      const pts = levelCurve(H, level, 120);
      ctx.lineWidth = level === 1 ? 2 : 1;
      ctx.beginPath();
      pts.forEach(([x, y], k) => (k ? ctx.lineTo(sx(x), sy(y)) : ctx.moveTo(sx(x), sy(y))));
      ctx.stroke();
    }
    // the eigen-directions (dotted) and the probe line
    const dirs = [[e.vectors[0][0], e.vectors[1][0], GENTLE], [e.vectors[0][1], e.vectors[1][1], STEEP]];
    ctx.setLineDash([4, 4]);
    for (const [x, y, color] of dirs) {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.2;
      ctx.beginPath(); ctx.moveTo(sx(-2 * R * x), sy(-2 * R * y)); ctx.lineTo(sx(2 * R * x), sy(2 * R * y)); ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.restore();
    // arrows to the level L = 1: length √(2/λ) along v_k, √(2/q) along the probe
    e.values.forEach((lam, k) => {
      const [x, y, color] = dirs[k];
      const r = Math.sqrt(2 / lam);
      arrow(ctx, sx(0), sy(0), sx(r * x), sy(r * y), color);
      ctx.font = "bold 13px sans-serif";
      ctx.fillStyle = color;
      ctx.textAlign = "left";
      ctx.textBaseline = "bottom";
      ctx.fillText(k ? "v₁" : "v₀", Math.min(sx(r * x) + 4, side - 24), Math.max(sy(r * y) - 2, 16));
    });
    const u = [Math.cos(probe * RAD), Math.sin(probe * RAD)], r = Math.sqrt(2 / q);
    const tip = [sx(r * u[0]), sy(r * u[1])];
    arrow(ctx, sx(0), sy(0), tip[0], tip[1], PROBE);
    ctx.beginPath();
    ctx.arc(tip[0], tip[1], 8, 0, 2 * Math.PI);
    ctx.fillStyle = "#fff";
    ctx.fill();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = PROBE;
    ctx.stroke();
    ctx.font = "bold 13px sans-serif";
    ctx.fillStyle = PROBE;
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText("v", Math.min(tip[0] + 8, side - 14), Math.min(tip[1] + 6, side - 18));
    ctx.font = "11px sans-serif";
    ctx.fillStyle = "#555";
    ctx.fillText("粗线：L = 1", pad + 3, pad + 2);
  }

  function drawWave(H, e, q) {
    const ctx = waveCtx;
    const h = parseFloat(wave.style.height);
    const box = { x0: 46, x1: W - 18, y0: 24, y1: h - 34 };
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, W, h);
    const top = Math.max(e.values[1], 1e-9) * 1.12, bottom = Math.min(0, e.values[0]);
    const px = (d) => box.x0 + (d / 180) * (box.x1 - box.x0);
    const py = (v) => box.y1 - ((v - bottom) / (top - bottom)) * (box.y1 - box.y0);
    chartFrame(ctx, box, h, {
      y: py, yTicks: niceTicks(bottom, top, 5).map((v) => [v, fmt(v)]),
      x: px, xTicks: [0, 45, 90, 135, 180].map((d) => [d, `${d}°`]), grid: "#e6e6e6",
      xTitle: "方向 φ", yTitle: "沿方向 v 的二阶导数 vᵀHv",
    });
    // λ₀ and λ₁, and the eigen-directions where the wave touches them
    e.values.forEach((lam, k) => {
      const color = k ? STEEP : GENTLE;
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.setLineDash([5, 4]);
      ctx.beginPath(); ctx.moveTo(box.x0, py(lam)); ctx.lineTo(box.x1, py(lam)); ctx.stroke();
      ctx.setLineDash([]);
      ctx.textAlign = "right";
      ctx.textBaseline = k ? "bottom" : "top";
      ctx.fillText(`λ${k ? "₁" : "₀"} = ${fixed(lam)}`, box.x1 - 3, py(lam) + (k ? -2 : 2));
      const d = eigenDegrees(e)[k];
      ctx.beginPath(); ctx.arc(px(d), py(lam), 3.5, 0, 2 * Math.PI); ctx.fill();
    });
    ctx.strokeStyle = PROBE;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let k = 0; k <= 180; k++) {
      const v = secondDerivativeAlong(H, k * RAD);
      if (k) ctx.lineTo(px(k), py(v)); else ctx.moveTo(px(k), py(v));
    }
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(px(probe), box.y0); ctx.lineTo(px(probe), box.y1);
    ctx.lineWidth = 1;
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(px(probe), py(q), 6, 0, 2 * Math.PI);
    ctx.fillStyle = PROBE;
    ctx.fill();
  }

  function describe(e, q) {
    const [l0, l1] = e.values;
    const head = `方向 φ = ${fixed(probe, 1)}°：vᵀHv = ${fixed(q)}`;
    if (l1 - l0 <= 1e-12 * Math.abs(l1)) return `${head}。λ₀ = λ₁ = ${fixed(l1)}：碗是圆的，每个方向都是特征方向，二阶导数处处一样`;
    const [d0, d1] = eigenDegrees(e);
    if (apart(probe, d1) <= data.on_axis) return `${head} = λ₁：v 正是特征方向 v₁，Hv = λ₁v，这是最陡的方向`;
    if (apart(probe, d0) <= data.on_axis) return `${head} = λ₀：v 正是特征方向 v₀，Hv = λ₀v，这是最平缓的方向`;
    return `${head}，介于 λ₀ = ${fixed(l0)} 与 λ₁ = ${fixed(l1)} 之间；Hv 不再与 v 同向`;
  }

  function drawAll() {
    const H = symmetricFromEigen(values, theta * RAD);
    const e = symmetricEigen(H);
    const q = secondDerivativeAlong(H, probe * RAD);
    drawMap(H, e, q);
    drawWave(H, e, q);
    setText(readout, describe(e, q));
  }
  const draw = countFrames(root, drawAll);
  const schedule = frameScheduler(draw);

  // turn the probe by dragging its arrow (or anywhere on the map), or with the arrow keys
  onDrag(map, {
    down([x, y]) {
      if (Math.hypot(x - sx(0), y - sy(0)) < 6) return false;
      set("probe", Math.atan2(sy(0) - y, x - sx(0)) / RAD, map);
      return true;
    },
    move([x, y]) {
      if (Math.hypot(x - sx(0), y - sy(0)) >= 6) set("probe", Math.atan2(sy(0) - y, x - sx(0)) / RAD, map);
    },
  });
  map.addEventListener("keydown", (ev) => {
    const step = { ArrowLeft: 1, ArrowUp: 1, ArrowRight: -1, ArrowDown: -1 }[ev.key];
    if (!step) return;
    ev.preventDefault();
    probe = lineDegrees(probe + step * (ev.shiftKey ? 10 : 1));
    sync();
    schedule();
    save();
  });

  model.on("change:values", () => { values = model.get("values").slice(); sync(); schedule(); });
  model.on("change:angle", () => { theta = model.get("angle"); sync(); schedule(); });
  model.on("change:probe", () => { probe = model.get("probe"); sync(); schedule(); });

  layout();
  sync();
  draw();
  return onWidthChange(host, () => { layout(); schedule(); });
}

const api = {
  render, symmetricEigen, symmetricFromEigen, secondDerivativeAlong, levelCurve, fixed,
  mountStatic: (root) => mountStatic(render, root),
};
export default api;
