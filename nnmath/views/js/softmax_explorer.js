// The softmax explorer (Softmax 选秀探索器): one front end, live (anywidget) and static (the book's pages).
//
// Ten scores (one per candidate) as bars, and the probabilities softmax gives them. The reader picks a
// candidate (a choice, or a tap on its bar) and moves its score continuously (the slider, a typed value,
// or dragging the bar); every other probability moves with it, the other scores stay put.
// softmax() mirrors nnmath.activations.softmax (max-shift, infinite maxima share the probability);
// tests/browser/test_views_softmax_page.py checks it against nnmath to 1e-12 relative.
// The helpers (el, fmt, niceTicks, setupCanvas, onDrag, frameScheduler, countFrames, choiceGroup, barFrame,
// setText, explorerRoot, readoutElement, mountStatic, …) come from _common.js, which Python puts in front of this text.

const SCORE_COLOR = "#9ecae1", SCORE_EDGE = "#3182bd", CHOSEN_COLOR = "#3182bd";
const PROB_COLOR = "#fdae6b", BEST_COLOR = "#e6550d";

// ---- the maths: nnmath.activations.softmax, step for step ----

function softmax(x) {
  let top = -Infinity;
  for (const v of x) if (v > top) top = v;
  if (x.some(Number.isNaN)) return x.map(() => NaN);
  if (!Number.isFinite(top)) {
    // the entries at an infinite maximum share the probability (a row of −∞ is uniform)
    const ties = x.map((v) => (v === top ? 1 : 0));
    const count = ties.reduce((a, b) => a + b, 0);
    return ties.map((t) => t / count);
  }
  const e = x.map((v) => Math.exp(v - top)); // every exponent ≤ 0: no overflow
  let sum = 0;
  for (const v of e) sum += v;
  return e.map((v) => v / sum);
}

// ---- the explorer ----

const STYLE = `
.nnx-bars { touch-action: none; cursor: ns-resize; }
`;

function render({ model, el: host }) {
  const data = model.get("data");
  const labels = data.labels, k = labels.length;
  const [lo, hi] = data.range;
  const name = (i) => `${data.noun} ${labels[i]}`;
  const root = explorerRoot(data.title, "softmax");
  root.appendChild(el("style", {}, STYLE));
  root.appendChild(el("div", { class: "nnx-title", style: "font-weight:600" }, data.title));

  // which candidate's score moves: a choice (radio group), also set by a tap on a bar
  const { group: choice, radios } = choiceGroup("nnx-sm", `改变哪个${data.noun}的分数`,
    labels.map((label, i) => ({ text: label, label: name(i) })), (i) => { model.set("vary", i); model.save_changes(); });
  root.appendChild(choice);

  // its score: a slider over the range, and a typed value (any finite number)
  const row = el("div", { class: "nnx-row" });
  const sliderId = uid("nnx-score");
  const label = el("label", { for: sliderId });
  const wrap = el("div", { class: "nnx-slider" });
  const slider = el("input", { type: "range", id: sliderId, min: lo, max: hi, step: 0.01 });
  wrap.appendChild(slider);
  const ticks = el("div", { class: "nnx-ticks", "aria-hidden": "true" });
  for (const t of niceTicks(lo, hi, 6)) {
    const mark = el("span", {}, fmt(t));
    mark.style.left = `${(100 * (t - lo)) / (hi - lo)}%`;
    ticks.appendChild(mark);
  }
  wrap.appendChild(ticks);
  const typed = el("input", { type: "number", class: "nnx-num", step: "any" });
  row.append(label, wrap, typed);
  root.appendChild(row);

  const canvas = el("canvas", { class: "nnx-bars", role: "img" });
  const probCanvas = el("canvas", { class: "nnx-probs", role: "img" });
  root.appendChild(panelsElement(canvas, probCanvas));
  const readout = root.appendChild(readoutElement());
  root.appendChild(el("p", { class: "nnx-help" }, `拖动分数图里的柱子、拖动滑块或输入数值，改变一个${data.noun}的分数；其余的分数不动。`));
  host.appendChild(root);

  let layout = null;
  let fromTyped = false; // the score being typed stays as typed

  const save = settledSave(model);
  function setScore(value) {
    const scores = model.get("scores").slice();
    scores[model.get("vary")] = value;
    model.set("scores", scores);
    save();
  }

  slider.addEventListener("input", () => setScore(Number(slider.value)));
  typed.addEventListener("input", () => {
    const value = Number(typed.value);
    const ok = typed.value.trim() !== "" && Number.isFinite(value);
    typed.setAttribute("aria-invalid", ok ? "false" : "true");
    if (ok) { fromTyped = true; setScore(value); }
  });

  // geometry: two panels side by side when there is room, stacked on a phone
  function measure() {
    const width = layoutWidth(root, host);
    const side = width >= 620;
    const pw = Math.floor(side ? (width - 8) / 2 : width), ph = side ? 250 : 200;
    const box = { x0: 40, x1: pw - 8, y0: 26, y1: ph - 26 };
    layout = { ctx: setupCanvas(canvas, pw, ph), pctx: setupCanvas(probCanvas, pw, ph), pw, ph, scores: box, probs: box };
  }

  function barX(b, i) {
    const w = (b.x1 - b.x0) / k;
    return [b.x0 + i * w + 0.15 * w, 0.7 * w];
  }

  const yScore = (v) => {
    const b = layout.scores;
    return b.y1 - ((v - lo) / (hi - lo)) * (b.y1 - b.y0);
  };

  function drawAll() {
    if (!layout) measure();
    const { ctx, pctx, pw, ph } = layout;
    const scores = model.get("scores"), vary = model.get("vary");
    const p = softmax(scores);
    let best = 0;
    for (let i = 1; i < k; i++) if (p[i] > p[best]) best = i;
    ctx.clearRect(0, 0, pw, ph);
    pctx.clearRect(0, 0, pw, ph);
    // the scores, on the slider's range; a score beyond it is cut at the edge with an arrow
    const S = layout.scores;
    barFrame(ctx, S, { title: "原始分数 xᵢ（评委打分）", ticks: niceTicks(lo, hi, 5), y: yScore, names: labels });
    const zero = yScore(Math.min(Math.max(0, lo), hi));
    for (let i = 0; i < k; i++) {
      const [x, w] = barX(S, i);
      const v = scores[i], top = yScore(Math.min(Math.max(v, lo), hi));
      ctx.fillStyle = i === vary ? CHOSEN_COLOR : SCORE_COLOR;
      ctx.strokeStyle = SCORE_EDGE;
      ctx.fillRect(x, Math.min(top, zero), w, Math.abs(zero - top));
      ctx.strokeRect(x, Math.min(top, zero), w, Math.abs(zero - top));
      if (v > hi || v < lo) arrow(ctx, x + w / 2, v > hi ? S.y0 + 14 : S.y1 - 14, x + w / 2, v > hi ? S.y0 - 2 : S.y1 + 2, "#b00000");
      if (i === vary) {
        ctx.fillStyle = "#08306b";
        ctx.font = "bold 11px sans-serif";
        ctx.fillText(fmt(v, 3), x + w / 2, v >= 0 ? Math.max(top - 4, S.y0 + 10) : Math.min(top + 13, S.y1 - 2));
      }
    }
    ctx.strokeStyle = "#555";
    ctx.beginPath();
    ctx.moveTo(S.x0, zero);
    ctx.lineTo(S.x1, zero);
    ctx.stroke();
    // the probabilities, on [0, 1], the largest in dark orange, each with its value
    const P = layout.probs;
    const yP = (v) => P.y1 - v * (P.y1 - P.y0) / 1.1;
    barFrame(pctx, P, { title: "Softmax 概率 pᵢ = eˣⁱ / Σⱼ eˣʲ", ticks: [0, 0.25, 0.5, 0.75, 1], y: yP, names: labels });
    pctx.font = (P.x1 - P.x0) / k < 30 ? "9px sans-serif" : "11px sans-serif";
    for (let i = 0; i < k; i++) {
      const [x, w] = barX(P, i);
      pctx.fillStyle = i === best ? BEST_COLOR : PROB_COLOR;
      pctx.fillRect(x, yP(p[i]), w, yP(0) - yP(p[i]));
      pctx.fillStyle = "#222";
      pctx.fillText(p[i].toFixed(2), x + w / 2, yP(p[i]) - 3);
    }
    // the controls follow the state (typing stays untouched while it is being typed); only what changed is
    // written, so that an unchanged label costs the page no layout
    if (!radios[vary].checked) radios[vary].checked = true;
    setText(label, `${name(vary)} 的分数`);
    setAttr(slider, "aria-label", `${name(vary)} 的分数 x${vary}`);
    setAttr(typed, "aria-label", `${name(vary)} 的分数（数值）`);
    const at = String(Math.min(Math.max(scores[vary], lo), hi));
    if (slider.value !== at) slider.value = at;
    const value = String(Number(scores[vary].toFixed(6)));
    if (!fromTyped && typed.value !== value) typed.value = value;
    fromTyped = false;
    let sum = 0;
    for (const v of p) sum += v;
    const pv = p[vary] < 0.001 && p[vary] > 0 ? fmt(p[vary], 2) : p[vary].toFixed(3);
    const all = k === 10 ? "十个" : `${k} 个`;
    setText(readout, `${name(vary)} 的分数 = ${fmt(scores[vary], 4)}，概率 = ${pv}；概率最大的是${name(best)}（${p[best].toFixed(3)}）；${all}概率之和 = ${sum.toFixed(3)}`);
    setAttr(canvas, "aria-label", `${k} 个原始分数：` + labels.map((l, i) => `${l}: ${fmt(scores[i], 3)}`).join("，"));
    setAttr(probCanvas, "aria-label", "Softmax 概率：" + labels.map((l, i) => `${l}: ${p[i].toFixed(2)}`).join("，"));
    root.dataset.best = String(best);
  }

  const draw = countFrames(root, drawAll);
  const schedule = frameScheduler(draw);
  model.on("change:scores", schedule);
  model.on("change:vary", schedule);

  // a tap on a bar of the scores panel picks that candidate; dragging sets its score
  function dragTo([, y]) {
    const S = layout.scores;
    const v = lo + ((S.y1 - Math.min(Math.max(y, S.y0), S.y1)) / (S.y1 - S.y0)) * (hi - lo);
    setScore(Math.round(v * 100) / 100);
  }
  onDrag(canvas, {
    down([x, y]) {
      const S = layout.scores;
      if (x < S.x0 || x > S.x1 || y < S.y0 - 10 || y > S.y1 + 20) return false;
      const i = Math.min(k - 1, Math.max(0, Math.floor(((x - S.x0) / (S.x1 - S.x0)) * k)));
      if (i !== model.get("vary")) { model.set("vary", i); model.save_changes(); }
      dragTo([x, y]);
      return true;
    },
    move: dragTo,
  });

  onWidthChange(root, () => { layout = null; schedule(); }, { slack: 2, width: 0 });
  draw();
}

const api = { render, softmax, mountStatic: (root) => mountStatic(render, root) };
export default api;
