// The shape explorer (形状探索器): one front end, live (anywidget) and static (the book's pages).
//
// Y = X Wᵀ + b for one layer, every block drawn to one scale with small whole numbers in its cells:
// X (N, n), Wᵀ (n, m), b (m,) added to every row, Y (N, m). Four sliders choose the sizes: n inputs,
// m neurons, the batch N, and the columns x really has (they follow n until the reader breaks them).
// The numbers come from Python (nnmath.linear and nnmath.shapes.layer_shapes); a mismatch shows the
// words of the ValueError nnmath.linear raises, filled into nnmath's templates by shapeError() and
// shapeExplanation(); tests/browser/test_views_shapes_page.py checks them against nnmath.shapes.check_shapes
// for every size offered.
// The helpers (el, uid, setupCanvas, frameScheduler, explorerRoot, readoutElement, mountStatic) come
// from _common.js, which Python puts in front of this text.

const PLAIN = "#f4f4f4", ROW = "#fff2b3", HIT = "#ffb870", BAD = "#f7c6c6";
const SUB = "₀₁₂₃₄₅₆₇₈₉";

// ---- the words of nnmath ----

// nnmath's templates (data.mismatch, from nnmath.views.shape_explorer.mismatch_templates) filled in with the sizes
function fill(template, N, given, m, n) {
  const sizes = { N, given, m, n };
  return template.replace(/\{(N|given|m|n)\}/g, (_, name) => String(sizes[name]));
}

// str(ValueError) of nnmath.linear for x of shape (N, given) and W of shape (m, n), given ≠ n.
function shapeError(templates, N, given, m, n) {
  return fill(templates.error, N, given, m, n);
}

// nnmath.shapes.check_shapes(...).explanation for the same shapes.
function shapeExplanation(templates, N, given, m, n) {
  return fill(templates.explanation, N, given, m, n);
}

// ---- the explorer ----

const STYLE = `
.nnx-sizes { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 250px), 1fr)); gap: 0 16px; }
.nnx-sizes .nnx-row { flex-wrap: nowrap; }
.nnx-sizes .nnx-row label { min-width: 6.8em; }
.nnx-sizes .nnx-slider { padding-bottom: 0; min-width: 90px; }
.nnx-shapes .nnx-readout { min-height: 6.2em; }
.nnx-line { display: block; }
`;

// a factor of the worked sum, as nnmath's readout writes it: (-2)
const num = (v) => (v >= 0 ? String(v) : `(${v})`);

function render({ model, el: host }) {
  const data = model.get("data");
  const max = data.max_size;
  const root = explorerRoot(data.title, "shapes");
  root.classList.add("nnx-shapes");
  root.appendChild(el("style", {}, STYLE));
  root.appendChild(el("div", { class: "nnx-title", style: "font-weight:600" }, data.title));

  const sizes = el("div", { class: "nnx-sizes" });
  const save = settledSave(model);
  const controls = {};
  for (const [key, text] of [["n", "输入个数 n"], ["m", "神经元个数 m"], ["N", "批大小 N"], ["given", "x 实际的列数"]]) {
    const row = el("div", { class: "nnx-row" });
    const id = uid("nnx-size");
    const wrap = el("div", { class: "nnx-slider" });
    const input = el("input", { type: "range", id, min: 1, max, step: 1, "aria-label": text });
    const out = el("output", { class: "nnx-out", for: id });
    out.style.minWidth = "1.5em";
    wrap.appendChild(input);
    row.append(el("label", { for: id }, text), wrap, out);
    sizes.appendChild(row);
    input.addEventListener("input", () => {
      const value = Number(input.value);
      // x's columns follow n, so the shapes fit until the reader breaks them on purpose
      if (key === "n" && model.get("given") === model.get("n")) model.set("given", value);
      model.set(key, value);
      save();
    });
    controls[key] = { input, out };
  }
  root.appendChild(sizes);
  const canvas = el("canvas", { class: "nnx-blocks", role: "img" });
  root.appendChild(panelsElement(canvas));
  const readout = root.appendChild(readoutElement());
  host.appendChild(root);

  let layout = null;

  // One scale for every size: the cell fits the largest blocks; one row on a wide screen, two on a phone.
  function measure() {
    const width = layoutWidth(root, host);
    const op = 1.6; // an operator's slot, in cells
    const wide = width >= 640;
    const units = wide ? 4 * max + 3 * op + 0.6 : 2 * max + 2 * op + 0.6;
    const cell = Math.max(16, Math.min(34, Math.floor((width - 4) / units)));
    layout = { width: Math.ceil(units * cell), cell, op, wide, title: 22 };
  }

  function block(ctx, x0, y0, rows, cols, color, text, title) {
    const c = layout.cell;
    ctx.font = `${Math.round(0.44 * c)}px sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) {
        ctx.fillStyle = color(r, j);
        ctx.fillRect(x0 + j * c, y0 + r * c, c, c);
        ctx.strokeStyle = "#595959";
        ctx.lineWidth = 0.8;
        ctx.strokeRect(x0 + j * c, y0 + r * c, c, c);
        ctx.fillStyle = "#111";
        ctx.fillText(text(r, j), x0 + (j + 0.5) * c, y0 + (r + 0.5) * c + 1);
      }
    }
    ctx.font = "13px sans-serif";
    ctx.textBaseline = "alphabetic";
    ctx.fillStyle = "#222";
    ctx.fillText(title, x0 + (cols * c) / 2, y0 - 7);
  }

  function operator(ctx, x, y, text) {
    ctx.font = "20px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillStyle = "#222";
    ctx.fillText(text, x, y);
    ctx.textBaseline = "alphabetic";
  }

  function drawAll() {
    if (!layout) measure();
    const n = model.get("n"), m = model.get("m"), N = model.get("N"), given = model.get("given");
    const ok = given === n;
    const { cell: c, op, wide, title } = layout;
    // one row of blocks, or X × Wᵀ above + b = Y on a phone; the canvas keeps the height of the largest
    // blocks, so that a new size never moves the page below (a relayout of a whole chapter costs frames)
    const top = title + max * c + 6;
    const height = wide ? top : top + title + max * c + 6;
    if (layout.height !== height) { layout.ctx = setupCanvas(canvas, layout.width, height); layout.height = height; }
    const ctx = layout.ctx;
    ctx.clearRect(0, 0, layout.width, height);
    const X = data.X, W = data.W, b = data.b, Y = data.Y[n - 1];
    // blocks side by side from the left edge; on a phone the second row starts with "+ b"
    let x = 0.3 * c, y = title;
    block(ctx, x, y, N, given, (r) => (!ok ? BAD : r === 0 ? ROW : PLAIN), (r, j) => String(X[r][j]).replace("-", "−"), `X (${N}, ${given})`);
    x += given * c;
    operator(ctx, x + (op * c) / 2, y + (Math.min(N, n) * c) / 2, "×");
    x += op * c;
    block(ctx, x, y, n, m, (r, j) => (!ok ? BAD : j === 0 ? ROW : PLAIN), (r, j) => String(W[j][r]).replace("-", "−"), `Wᵀ (${n}, ${m})`);
    x += m * c;
    if (!wide) { x = 0.3 * c; y = 2 * title + Math.max(N, n) * c + 6; } // right under X × Wᵀ: the blank stays below
    operator(ctx, x + (op * c) / 2, y + c / 2, "+");
    x += op * c;
    block(ctx, x, y, 1, m, (r, j) => (ok && j === 0 ? ROW : PLAIN), (r, j) => String(b[j]).replace("-", "−"), `b (${m},)`);
    x += m * c;
    operator(ctx, x + (op * c) / 2, y + c / 2, "=");
    x += op * c;
    block(ctx, x, y, N, m, (r, j) => (!ok ? BAD : r === 0 && j === 0 ? HIT : PLAIN), (r, j) => (ok ? String(Y[r][j]).replace("-", "−") : "?"), ok ? `Y (${N}, ${m})` : "Y 算不出来");

    for (const [key, value] of [["n", n], ["m", m], ["N", N], ["given", given]]) {
      if (controls[key].input.value !== String(value)) controls[key].input.value = String(value);
      setText(controls[key].out, String(value));
    }
    const shapes = `形状：x 为 (N, n) = (${N}, ${given})，W 为 (m, n) = (${m}, ${n})，b 为 (m,) = (${m},)`;
    let count = 0;
    const line = (text) => {
      // three lines, written only when their text changes (an unchanged readout costs the page no layout)
      if (readout.children.length <= count) readout.appendChild(el("span", { class: "nnx-line" }));
      const span = readout.children[count++];
      setText(span, text);
    };
    if (ok) {
      const [params, mults] = data.counts[n - 1][m - 1][N - 1];
      const terms = Array.from({ length: n }, (_, j) => `${num(X[0][j])}×${num(W[0][j])}`).join(" + ");
      line(`${shapes}，y 为 (N, m) = (${N}, ${m})`);
      line(`第 0 个样本 · 第 0 个神经元的权重 + b${SUB[0]}：Y${SUB[0]}${SUB[0]} = ${terms} + ${num(b[0])} = ${Y[0][0]}`);
      line(`参数个数 mn + m = ${params}；乘法次数 Nmn = ${mults}`);
      readout.classList.remove("nnx-bad");
      canvas.setAttribute("aria-label", `矩阵乘法示意：X 的形状 (${N}, ${n}) 乘 W 转置 (${n}, ${m})，加上 b (${m},)，得到 Y (${N}, ${m})`);
    } else {
      line(shapes);
      line(`nnmath.linear 报错 ValueError: ${shapeError(data.mismatch, N, given, m, n)}`);
      line(shapeExplanation(data.mismatch, N, given, m, n));
      readout.classList.add("nnx-bad");
      canvas.setAttribute("aria-label", `形状不匹配：X 有 ${given} 列，而 W 的形状是 (${m}, ${n})，nnmath.linear 报 ValueError，Y 算不出来`);
    }
    root.dataset.ok = String(ok);
  }

  const draw = countFrames(root, drawAll);
  const schedule = frameScheduler(draw);
  for (const key of ["n", "m", "N", "given"]) model.on(`change:${key}`, schedule);
  onWidthChange(root, () => { layout = null; schedule(); }, { slack: 2, width: 0 });
  draw();
}

const api = { render, shapeError, shapeExplanation, mountStatic: (root) => mountStatic(render, root) };
export default api;
