// The matrix explorer (矩阵探索器, 附录 A): a 2×2 matrix A acting on the plane, live (anywidget) and static.
//
// The picture: the plane's grid (grey) and its image under A (purple), the unit square and its image
// (orange), and the images Ae₀ (red) and Ae₁ (blue) of the unit vectors, which are A's two columns.
// The four entries are sliders with typed values; the tips of Ae₀ and Ae₁ are dragged on the canvas
// (or moved with the arrow keys); presets set the whole matrix. The readout is det A and, in words,
// what A does: the same words as nnmath.views.matrix_explorer.matrix_words, which action() mirrors line by line
// (tests/browser/test_views_toolkit.py checks apply, det and action against nnmath.algebra).

const ENTRY_NAMES = ["A₀₀", "A₀₁", "A₁₀", "A₁₁"];
const COLORS = { e0: "#d62728", e1: "#1f77b4", square: "#ff7f0e", grid: "#6a51a3", old: "#c8c8c8" };

// ---- the maths (mirrors nnmath.algebra) ----

// A x for A = [[a, b], [c, d]] and x = [x0, x1] (nnmath.algebra.matmul).
function apply(A, x) {
  return [A[0][0] * x[0] + A[0][1] * x[1], A[1][0] * x[0] + A[1][1] * x[1]];
}

// nnmath.algebra.determinant
function det(A) {
  return A[0][0] * A[1][1] - A[0][1] * A[1][0];
}

const ACTION_RTOL = 1e-9;
const degrees = (y, x) => (Math.atan2(y, x) * 180) / Math.PI;

// nnmath.algebra.matrix_action, branch for branch: {kind, det, angle, scale}, and the text of matrix_words.
function action(A) {
  const [[a, b], [c, d]] = A;
  const D = a * d - b * c;
  const s = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
  const tol = ACTION_RTOL;
  if (s === 0) return { kind: "zero", det: 0, angle: 0, scale: 1, text: "零矩阵：整个平面都被压到原点这一个点上" };
  const p = a / s, q = b / s, r = c / s, t = d / s;
  const area = `面积乘以 ${fixed(Math.abs(D))}`;
  if (Math.abs(p * t - q * r) <= tol) {
    return { kind: "collapse", det: D, angle: 0, scale: 1, text: "压扁：整个平面被压到一条直线上，面积变成 0，无法还原" };
  }
  if (Math.max(Math.abs(a - 1), Math.abs(b), Math.abs(c), Math.abs(d - 1)) <= tol * s) {
    return { kind: "identity", det: D, angle: 0, scale: 1, text: "不变：单位矩阵，每个点都留在原地" };
  }
  if (Math.abs(p * p + r * r - q * q - t * t) <= tol && Math.abs(p * q + r * t) <= tol) {
    const k = Math.hypot(a, c);
    const same = Math.abs(k - 1) <= tol * s;
    const stretch = same ? "，形状不变" : `，长度乘以 ${fixed(k)}`;
    if (D > 0) {
      const angle = degrees(c, a);
      const turn = angle >= 0 ? `逆时针转 ${fixed(angle)}°` : `顺时针转 ${fixed(-angle)}°`;
      const text = `旋转：绕原点${turn}` + (same ? "，形状和面积都不变" : `，长度乘以 ${fixed(k)}，${area}`);
      return { kind: "rotation", det: D, angle, scale: k, text };
    }
    const angle = lineDegrees(degrees(c, a) / 2);
    const text = `翻转：以与横轴成 ${fixed(angle)}° 的直线为镜子作镜面反射${stretch}（det < 0）`;
    return { kind: "reflection", det: D, angle, scale: k, text };
  }
  if (Math.abs(a + d - 2) <= tol * Math.max(1, s) && Math.abs(D - 1) <= tol * Math.max(1, s * s)) {
    const col = Math.abs(a - 1) + Math.abs(c) >= Math.abs(b) + Math.abs(d - 1) ? [a - 1, c] : [b, d - 1];
    const angle = lineDegrees(degrees(col[1], col[0]));
    const text = `剪切：与横轴成 ${fixed(angle)}° 的直线不动，其余的点沿它滑动，面积不变`;
    return { kind: "shear", det: D, angle, scale: 1, text };
  }
  const flip = D < 0 ? "，并且翻面（det < 0）" : "";
  if (Math.abs(q) <= tol && Math.abs(r) <= tol) {
    const text = `沿坐标轴伸缩：横向乘以 ${fixed(a)}，纵向乘以 ${fixed(d)}，${area}${flip}`;
    return { kind: "axis_stretch", det: D, angle: 0, scale: 1, text };
  }
  if (Math.abs(q - r) <= tol) {
    const e = symmetricEigen([[a, b], [b, d]]);
    const text = `沿两个互相垂直的特征方向伸缩：乘以 ${fixed(e.values[0])} 和 ${fixed(e.values[1])}，${area}${flip}`;
    return { kind: "symmetric", det: D, angle: 0, scale: 1, text };
  }
  return { kind: "general", det: D, angle: 0, scale: 1, text: `一般的线性变换：既伸缩又转动，${area}${flip}` };
}

// ---- the explorer ----

const MATRIX_STYLE = `
.nnm-entries { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 2px 18px; max-width: 640px; }
.nnm-entry { display: flex; align-items: center; gap: 8px; }
.nnm-entry label { min-width: 2.6em; font-weight: 600; }
.nnm-entry input[type=range] { flex: 1 1 100px; min-width: 100px; height: 30px; margin: 0; touch-action: pan-y; }
.nnm-entry .nnx-num { width: 5.2em; }
.nnm-presets button { margin: 2px 4px 2px 0; }
.nnm-plane { display: block; touch-action: none; cursor: grab; border: 1px solid #ddd; background: #fff; }
.nnm-plane:focus { outline: 3px solid #4c8bf5; outline-offset: 1px; }
`;

function render({ model, el: host }) {
  const data = model.get("data");
  const R = data.reach;
  const [lo, hi] = data.range;
  let A = model.get("A").slice();
  let active = 0; // the column whose tip the keyboard moves (0: Ae₀, 1: Ae₁)

  const root = explorerRoot(data.title, "matrix");
  root.appendChild(el("style", {}, MATRIX_STYLE));

  // the four entries: slider and typed value, laid out as the matrix (two columns; one on a phone)
  const entries = el("div", { class: "nnm-entries", role: "group", "aria-label": "矩阵 A 的四个元素" });
  const id = uid("nnm");
  const sliders = [], numbers = [];
  ENTRY_NAMES.forEach((name, k) => {
    const row = el("div", { class: "nnm-entry" });
    row.appendChild(el("label", { for: `${id}-${k}` }, name));
    const slider = el("input", { type: "range", id: `${id}-${k}`, min: lo, max: hi, step: data.step, "aria-label": name });
    const number = el("input", {
      type: "number", class: "nnx-num", min: data.typed[0], max: data.typed[1], step: "any", "aria-label": `${name} 的数值`,
    });
    slider.addEventListener("input", () => setEntry(k, Number(slider.value), slider));
    number.addEventListener("input", () => {
      const v = Number(number.value);
      const bad = number.value === "" || !Number.isFinite(v) || v < data.typed[0] || v > data.typed[1];
      const message = `${name} 必须是 ${data.typed[0]} 到 ${data.typed[1]} 之间的数`;
      number.setCustomValidity(bad ? message : "");
      number.setAttribute("aria-invalid", String(bad));
      number.title = bad ? message : "";
      if (!bad) setEntry(k, v, number);
    });
    row.appendChild(slider);
    row.appendChild(number);
    entries.appendChild(row);
    sliders.push(slider);
    numbers.push(number);
  });
  root.appendChild(entries);

  const presets = el("div", { class: "nnx-row nnm-presets", role: "group", "aria-label": "预设的矩阵" });
  presets.appendChild(el("span", {}, "预设："));
  for (const [name, values] of data.presets) {
    const button = el("button", { type: "button" }, name);
    button.addEventListener("click", () => { A = values.slice(); sync(); schedule(); save(); });
    presets.appendChild(button);
  }
  root.appendChild(presets);

  const canvas = el("canvas", {
    class: "nnm-plane", tabindex: "0", role: "img",
    "aria-label": "矩阵作用图：拖动红色箭头 Ae₀ 和蓝色箭头 Ae₁ 的端点改变 A 的两列；方向键移动选中的端点，空格键换一个端点",
  });
  root.appendChild(canvas);
  root.appendChild(el("p", { class: "nnx-help" }, "拖动红、蓝箭头的端点（或用方向键，空格键切换端点）：它们就是 A 的两列 Ae₀ 和 Ae₁。"));
  const readout = root.appendChild(readoutElement());
  host.appendChild(root);

  let size = 0, ctx = null;
  function layout() {
    size = Math.max(200, Math.min(host.clientWidth || 420, 440));
    ctx = setupCanvas(canvas, size, size);
  }
  const pad = 6;
  const sx = (x) => pad + ((x + R) / (2 * R)) * (size - 2 * pad);
  const sy = (y) => pad + ((R - y) / (2 * R)) * (size - 2 * pad);
  const wx = (px) => ((px - pad) / (size - 2 * pad)) * 2 * R - R;
  const wy = (py) => R - ((py - pad) / (size - 2 * pad)) * 2 * R;
  const matrix = () => [[A[0], A[1]], [A[2], A[3]]];

  function line(p, q) {
    ctx.beginPath();
    ctx.moveTo(sx(p[0]), sy(p[1]));
    ctx.lineTo(sx(q[0]), sy(q[1]));
    ctx.stroke();
  }

  function drawAll() {
    const M = matrix();
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, size, size);
    clipTo(ctx, pad, pad, size - 2 * pad, size - 2 * pad);
    // the plane before: grid and axes
    ctx.lineWidth = 1;
    ctx.strokeStyle = COLORS.old;
    for (let k = -R; k <= R; k++) { line([k, -R], [k, R]); line([-R, k], [R, k]); }
    ctx.strokeStyle = "#999";
    line([0, -R], [0, R]);
    line([-R, 0], [R, 0]);
    // the plane after: A maps the grid line x = k to the line through k·Ae₀ along Ae₁ (and y = k likewise);
    // lines k apart land |det A| / |Ae₁| apart, so enough of them are drawn to fill the window
    const cols = [apply(M, [1, 0]), apply(M, [0, 1])];
    ctx.strokeStyle = COLORS.grid;
    ctx.globalAlpha = 0.7;
    for (const [j, along] of [[0, 1], [1, 0]]) {
      const u = cols[along], length = Math.hypot(u[0], u[1]);
      if (!(length > 0)) continue;
      const gap = Math.abs(det(M)) / length;
      const count = Math.min(60, Math.ceil((2 * R) / Math.max(gap, 1e-9)));
      for (let k = -count; k <= count; k++) {
        const P = [k * cols[j][0], k * cols[j][1]];
        const L = (Math.hypot(P[0], P[1]) + 2 * R) / length;
        line([P[0] - L * u[0], P[1] - L * u[1]], [P[0] + L * u[0], P[1] + L * u[1]]);
      }
    }
    ctx.globalAlpha = 1;
    // the unit square (dashed) and its image, the parallelogram spanned by the columns
    ctx.setLineDash([5, 4]);
    ctx.strokeStyle = "#555";
    ctx.strokeRect(sx(0), sy(1), sx(1) - sx(0), sy(0) - sy(1));
    ctx.setLineDash([]);
    const c0 = apply(M, [1, 0]), c1 = apply(M, [0, 1]), c2 = apply(M, [1, 1]);
    ctx.beginPath();
    ctx.moveTo(sx(0), sy(0));
    for (const p of [c0, c2, c1]) ctx.lineTo(sx(p[0]), sy(p[1]));
    ctx.closePath();
    ctx.fillStyle = "rgba(255, 127, 14, 0.4)";
    ctx.fill();
    ctx.strokeStyle = COLORS.square;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.restore();
    // Ae₀ and Ae₁ with their handles
    [[c0, COLORS.e0, "Ae₀"], [c1, COLORS.e1, "Ae₁"]].forEach(([tip, color, name], j) => {
      const x = Math.min(Math.max(sx(tip[0]), pad), size - pad), y = Math.min(Math.max(sy(tip[1]), pad), size - pad);
      if (Math.hypot(x - sx(0), y - sy(0)) > 3) arrow(ctx, sx(0), sy(0), x, y, color);
      ctx.beginPath();
      ctx.arc(x, y, j === active ? 9 : 7, 0, 2 * Math.PI);
      ctx.fillStyle = "#fff";
      ctx.fill();
      ctx.lineWidth = j === active ? 3 : 2;
      ctx.strokeStyle = color;
      ctx.stroke();
      ctx.font = "bold 14px sans-serif";
      ctx.fillStyle = color;
      ctx.textAlign = x > size - 60 ? "right" : "left";
      ctx.textBaseline = y < 24 ? "top" : "bottom";
      ctx.fillText(name, x + (x > size - 60 ? -10 : 10), y + (y < 24 ? 8 : -8));
    });
    ctx.font = "11px sans-serif";
    ctx.fillStyle = "#555";
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText(`[−${R}, ${R}]²`, pad + 3, pad + 2);
    const act = action(M);
    setText(readout, `A = [[${fixed(A[0])}, ${fixed(A[1])}], [${fixed(A[2])}, ${fixed(A[3])}]]，det A = ${fixed(act.det)}：${act.text}`);
    readout.classList.toggle("nnx-bad", act.kind === "collapse" || act.kind === "zero");
    root.dataset.action = act.kind;  // data-kind stays "matrix" (the explorer's kind)
  }
  const draw = countFrames(root, drawAll);
  const schedule = frameScheduler(draw);

  function sync(except) {
    A.forEach((v, k) => {
      setValue(sliders[k], v);
      setAttr(sliders[k], "aria-valuetext", `${ENTRY_NAMES[k]} = ${fixed(v)}`);
      if (numbers[k] !== except && document.activeElement !== numbers[k]) setValue(numbers[k], v);
    });
  }

  function setEntry(k, v, source) {
    A[k] = v;
    sync(source);
    schedule();
    save();
  }

  const save = settledSave(model, () => ({ A: A.slice() }));

  // drag the tip of Ae₀ (column 0: A₀₀, A₁₀) or Ae₁ (column 1: A₀₁, A₁₁)
  const round = (v) => Math.round(Math.min(Math.max(v, -R), R) * 100) / 100;
  function setColumn(j, x, y) {
    A[j] = round(x);
    A[2 + j] = round(y);
    sync();
    schedule();
  }
  onDrag(canvas, {
    down([x, y]) {
      const M = matrix();
      const d = [0, 1].map((j) => {
        const tip = apply(M, j ? [0, 1] : [1, 0]);
        return Math.hypot(Math.min(Math.max(sx(tip[0]), pad), size - pad) - x, Math.min(Math.max(sy(tip[1]), pad), size - pad) - y);
      });
      const j = d[0] <= d[1] ? 0 : 1;
      if (d[j] > 36) return false;
      active = j;
      canvas.style.cursor = "grabbing";
      schedule();
      return true;
    },
    move([x, y]) { setColumn(active, wx(x), wy(y)); },
    up() { canvas.style.cursor = ""; save(); },
  });
  canvas.addEventListener("keydown", (ev) => {
    if (ev.key === " " || ev.key === "Enter") {
      active = 1 - active;
      ev.preventDefault();
      schedule();
      return;
    }
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const m = moves[ev.key];
    if (!m) return;
    const f = ev.shiftKey ? 0.25 : 0.05;
    setColumn(active, A[active] + m[0] * f, A[2 + active] + m[1] * f);
    ev.preventDefault();
    save();
  });

  model.on("change:A", () => { A = model.get("A").slice(); sync(); schedule(); });

  layout();
  sync();
  draw();
  return onWidthChange(host, () => { layout(); schedule(); });
}

const api = { render, apply, det, fixed, action, symmetricEigen, mountStatic: (root) => mountStatic(render, root) };
export default api;
