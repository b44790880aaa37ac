// The training explorer (训练探索器, 第 7 章): one front end, live (anywidget) and static (the book's pages).
//
// nnmath trained the digits network once for every learning rate η, batch size B and network of a grid
// (nnmath.digits.train) and sent, for every epoch, the loss (cross-entropy, 3 significant digits) and the
// accuracy (in %, 1 decimal) on the training set and on the test set, null where the loss was not a finite
// number, with the verdict of nnmath.descent.judge on each run. This module only draws: the loss on a log
// scale and the accuracy, training solid and test dashed, bold up to the epoch under the slider.
// Live, the kernel can also train any other setting: the reader's settings go to the `request` trait and
// Python streams the curves back, epoch by epoch, in `live_run` (nnmath.views.digits.TrainingExplorer).

const TRAIN = "#1f77b4", TEST = "#d62728", BAD = "#b00000";

const STYLE = `
.nnx-trainer .nnx-readout { white-space: pre-line; min-height: 4.4em; }
.nnx-trainer .nnx-legend { display: flex; flex-wrap: wrap; gap: 2px 16px; font-size: 13px; margin: 2px 0; }
.nnx-trainer .nnx-swatch { display: inline-block; width: 28px; margin-right: 5px; vertical-align: middle; border-top: 2.5px solid; }
.nnx-trainer .nnx-kernel { margin-top: 8px; border: 1px solid #ccd; border-radius: 4px; padding: 2px 8px; }
.nnx-trainer .nnx-kernel summary { cursor: pointer; min-height: 32px; line-height: 32px; }
`;

// The first epoch whose loss is not a finite number (null): the run left the finite numbers there; -1 if none.
function leftAt(run) {
  for (let e = 0; e < run.trL.length; e++) if (run.trL[e] === null || run.teL[e] === null) return e;
  return -1;
}

// The readout's second line at `epoch` of `run` (nnmath.views.digits.TrainingExplorer.describe words it the same).
function numbers(run, epoch) {
  const left = leftAt(run);
  if (left >= 0 && epoch >= left) return `发散：第 ${left} 轮起参数已不是有限数，没有损失和准确率`;
  return `训练准确率 ${run.trA[epoch].toFixed(1)}%，测试准确率 ${run.teA[epoch].toFixed(1)}%；` +
    `训练损失 ${fmt(run.trL[epoch])}，测试损失 ${fmt(run.teL[epoch])}`;
}

// A log axis for losses in [lo, hi] on [y0 (bottom), y1 (top)] in pixels, widened to whole powers of ten so that
// at least two are labelled however narrow the range (valueAxis of _common.js may label none of them).
// Returns {y(v), ticks: [[value, label]]}.
function decadeAxis(lo, hi, y0, y1) {
  const a = Math.floor(Math.log10(lo)), b = Math.max(Math.ceil(Math.log10(hi)), a + 1);
  const every = Math.ceil((b - a) / 6);
  const y = (v) => y0 - ((Math.log10(v) - a) / (b - a)) * (y0 - y1);
  const ticks = [];
  for (let e = a; e <= b; e += every) ticks.push([10 ** e, "10" + sup(e)]);
  return { y, ticks };
}

function render({ model, el: host }) {
  const data = model.get("data");
  const live = data.live;
  const root = explorerRoot(data.title, "training");
  root.classList.add("nnx-trainer");
  root.appendChild(el("style", {}, STYLE));
  root.appendChild(el("div", { class: "nnx-title", style: "font-weight:600" }, data.title));

  // what is shown: a cell of the grid (showing "grid") or the run the kernel trains (showing "kernel")
  let eta = model.get("eta"), batch = model.get("batch"), net = model.get("net"), epoch = model.get("epoch");
  let showing = "grid", refused = "";
  const save = settledSave(model, () => ({ eta, batch, net, epoch }));
  const gridRun = () => data.runs[net][eta][batch];
  const liveRun = () => model.get("live_run") || {};
  const current = () => (showing === "kernel" && liveRun().trL ? liveRun() : gridRun());
  const epochsOf = (run) => (run === gridRun() ? data.epochs : run.epochs);

  // the grid's choices: η, B and (when there are several) the network
  const choose = (set) => (i) => { set(i); showing = "grid"; refused = ""; schedule(); save(); };
  const etaChoice = choiceGroup("nnx-eta", "学习率 η",
    data.etas.map((v) => ({ text: fmt(v), label: `学习率 η = ${fmt(v)}` })), choose((i) => { eta = i; }));
  const batchChoice = choiceGroup("nnx-batch", "批大小 B",
    data.batches.map((b) => ({ text: String(b), label: `批大小 B = ${b}` })), choose((i) => { batch = i; }));
  const netChoice = choiceGroup("nnx-net", "网络",
    data.nets.map((name) => ({ text: name, label: `网络 ${name}` })), choose((i) => { net = i; }));
  etaChoice.group.dataset.control = "eta";
  batchChoice.group.dataset.control = "batch";
  netChoice.group.dataset.control = "net";
  root.append(etaChoice.group, batchChoice.group);
  if (data.nets.length > 1) root.appendChild(netChoice.group);

  // the epoch: a slider scrubbed continuously, its value in a fixed-width output
  const id = uid("nnx-train");
  const row = el("div", { class: "nnx-row" });
  const wrap = el("div", { class: "nnx-slider" });
  const slider = el("input", { type: "range", id: id + "-epoch", min: 0, step: 1, "aria-label": "训练轮数（拖动或用方向键）" });
  const ticks = el("div", { class: "nnx-ticks", "aria-hidden": "true" });
  wrap.append(slider, ticks);
  const out = el("output", { class: "nnx-out", for: id + "-epoch" });
  row.append(el("label", { for: id + "-epoch" }, "训练轮数"), wrap, out);
  root.appendChild(row);
  slider.addEventListener("input", () => { epoch = Number(slider.value); schedule(); save(); });

  const readout = root.appendChild(readoutElement());
  const legend = el("div", { class: "nnx-legend", "aria-hidden": "true" });
  for (const [text, color, style] of [["训练集", TRAIN, "solid"], ["测试集", TEST, "dashed"]]) {
    const item = el("span");
    item.append(el("span", { class: "nnx-swatch", style: `border-top: 2.5px ${style} ${color}` }), text);
    legend.appendChild(item);
  }
  root.appendChild(legend);
  const lossCanvas = el("canvas", { class: "nnx-loss", role: "img" });
  const accCanvas = el("canvas", { class: "nnx-accuracy", role: "img" });
  root.appendChild(panelsElement(lossCanvas, accCanvas));
  if (model.get("kernel")) root.appendChild(kernelPanel());
  host.appendChild(root);

  // ---- training in the kernel (the live face only) ----

  function kernelPanel() {
    const box = el("details", { class: "nnx-kernel" });
    box.appendChild(el("summary", {}, "在内核里训练：任意的 η、批大小、网络、轮数和随机种子"));
    // the root's size is pinned after every frame (pinSize): opening or closing the panel draws one
    box.addEventListener("toggle", () => schedule());
    const number = (name, text, attrs) => {
      const input = el("input", { type: "number", class: "nnx-num", id: `${id}-${name}`, required: "", ...attrs });
      const line = el("div", { class: "nnx-row" });
      line.append(el("label", { for: `${id}-${name}` }, text), input);
      box.appendChild(line);
      return input;
    };
    const etaIn = number("k-eta", "学习率 η", { min: "0", step: "any", value: String(data.etas[eta]) });
    let kBatch = Math.max(0, live.batches.indexOf(data.batches[batch]));
    let kNet = Math.max(0, live.hiddens.findIndex(([, name]) => name === data.nets[net]));
    const kBatches = choiceGroup("nnx-kb", "批大小 B",
      live.batches.map((b) => ({ text: String(b), label: `内核训练的批大小 B = ${b}` })), (i) => { kBatch = i; });
    const kNets = choiceGroup("nnx-kn", "网络",
      live.hiddens.map(([, name]) => ({ text: name, label: `内核训练的网络 ${name}` })), (i) => { kNet = i; });
    kBatches.radios[kBatch].checked = true;
    kNets.radios[kNet].checked = true;
    box.append(kBatches.group, kNets.group);
    const epochsIn = number("k-epochs", "训练轮数", { min: "1", max: String(live.max_epochs), step: "1", value: String(data.epochs) });
    const seedIn = number("k-seed", "随机种子", { min: "0", max: String(live.max_seed), step: "1", value: String(live.seed) });
    const go = el("button", { type: "button", class: "nnx-train" }, "在内核里训练");
    box.appendChild(go);
    box.appendChild(el("p", { class: "nnx-help" },
      "训练在运行这个笔记本的 Python 内核里进行，每训练完一轮，曲线就更新一次；点上面的 η、B 或网络，回到预先算好的结果。"));
    go.addEventListener("click", () => {
      const lr = Number(etaIn.value);
      if (![etaIn, epochsIn, seedIn].every((input) => input.checkValidity()) || !(lr > 0 && Number.isFinite(lr))) {
        refused = "请先改正标红的输入：η 是正数，轮数和种子是范围内的整数。";
        schedule();
        return;
      }
      showing = "kernel";
      refused = "";
      model.set("request", {
        eta: lr, batch: live.batches[kBatch], hidden: live.hiddens[kNet][0],
        epochs: Number(epochsIn.value), seed: Number(seedIn.value), asked: Date.now(),
      });
      model.save_changes();
      schedule();
    });
    model.on("change:live_run", () => {
      const run = liveRun();
      if (showing !== "kernel") return;
      if (run.error) { showing = "grid"; refused = `内核没有训练：${run.error}`; }
      else if (run.trL) epoch = run.done ? run.epochs : Math.max(0, run.trL.length - 1);
      schedule();
    });
    return box;
  }

  // ---- drawing ----

  // one log axis for the loss of every run of the grid (the kernel's run widens it), so that runs compare
  let lossLo = Infinity, lossHi = 0;
  for (const block of data.runs) for (const cells of block) for (const run of cells) {
    for (const v of [...run.trL, ...run.teL]) if (v !== null && v > 0) { lossLo = Math.min(lossLo, v); lossHi = Math.max(lossHi, v); }
  }

  let pw = 0, ph = 0, lossCtx = null, accCtx = null;
  function layout() {
    const width = layoutWidth(host, root);
    pw = width >= 620 ? Math.floor((width - 8) / 2) : width;
    ph = Math.round(Math.max(210, Math.min(280, 0.7 * pw)));
    lossCtx = setupCanvas(lossCanvas, pw, ph);
    accCtx = setupCanvas(accCanvas, pw, ph);
  }

  // the values of one curve up to epoch `upto` (stopping at the first null) as a path
  function curve(ctx, x, y, values, upto, color, dashed, width) {
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.setLineDash(dashed ? [6, 4] : []);
    ctx.beginPath();
    for (let e = 0; e <= Math.min(upto, values.length - 1) && values[e] !== null; e++) {
      if (e) ctx.lineTo(x(e), y(values[e])); else ctx.moveTo(x(e), y(values[e]));
    }
    ctx.stroke();
    ctx.restore();
  }

  function panel(ctx, run, E, which) {
    const box = { x0: 48, x1: pw - 12, y0: 26, y1: ph - 34 };
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, pw, ph);
    const x = (e) => box.x0 + (e / Math.max(E, 1)) * (box.x1 - box.x0);
    const xTicks = niceTicks(0, E, 5).filter(Number.isInteger).map((e) => [e, String(e)]);
    let axis, series;
    if (which === "loss") {
      let lo = lossLo, hi = lossHi;
      for (const v of [...run.trL, ...run.teL]) if (v !== null && v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      axis = Number.isFinite(lo) ? decadeAxis(lo, hi, box.y1, box.y0) : decadeAxis(0.1, 10, box.y1, box.y0);
      series = [[run.trL, TRAIN, false], [run.teL, TEST, true]];
    } else {
      const y = (v) => box.y1 - ((v + 2) / 104) * (box.y1 - box.y0);
      axis = { y, ticks: [0, 25, 50, 75, 100].map((v) => [v, String(v)]) };
      series = [[run.trA, TRAIN, false], [run.teA, TEST, true]];
    }
    chartFrame(ctx, box, ph, {
      y: axis.y, yTicks: axis.ticks, x, xTicks, xGrid: false, font: "13px sans-serif", xTitle: "训练轮数（epoch）",
      yTitle: which === "loss" ? "损失（交叉熵，对数刻度）" : "准确率（%）",
    });
    clipTo(ctx, box.x0 - 6, box.y0 - 6, box.x1 - box.x0 + 12, box.y1 - box.y0 + 12);
    ctx.globalAlpha = 0.3;
    for (const [values, color, dashed] of series) curve(ctx, x, axis.y, values, E, color, dashed, 1.2);
    ctx.globalAlpha = 1;
    // the dot: the value at the epoch under the slider, or the last finite one once the run has left them
    const left = leftAt(run);
    const dotAt = left >= 0 && epoch >= left ? left - 1 : epoch;
    for (const [values, color, dashed] of series) {
      curve(ctx, x, axis.y, values, epoch, color, dashed, 2.2);
      if (dotAt >= 0 && dotAt < values.length && values[dotAt] !== null) {
        ctx.fillStyle = color;
        ctx.beginPath();
        ctx.arc(x(dotAt), axis.y(values[dotAt]), 4, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
    ctx.restore();
    // divergence, never hidden: the curves stop where the run left the finite numbers, marked there
    if (left > 0) {
      const [values] = series[0];
      const at = x(left);
      if (which === "loss") arrow(ctx, x(left - 1), axis.y(values[left - 1]), at, box.y0 + 4, BAD);
      ctx.save();
      ctx.strokeStyle = BAD;
      ctx.lineWidth = 1.2;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(at, box.y0);
      ctx.lineTo(at, box.y1);
      ctx.stroke();
      ctx.restore();
      ctx.fillStyle = BAD;
      ctx.font = "bold 12px sans-serif";
      ctx.textAlign = at > (box.x0 + box.x1) / 2 ? "right" : "left";
      ctx.textBaseline = "top";
      ctx.fillText(`发散（第 ${left} 轮）`, at + (ctx.textAlign === "right" ? -5 : 5), box.y0 + 4);
    }
    if (which === "loss" && run.verdict === "diverging") {
      ctx.fillStyle = BAD;
      ctx.font = "bold 13px sans-serif";
      ctx.textAlign = "right";
      ctx.textBaseline = "top";
      ctx.fillText("发散", box.x1, 3);
    }
  }

  function drawAll() {
    if (!lossCtx) layout();
    const run = current();
    const kernel = run !== gridRun();
    const E = epochsOf(run);
    epoch = Math.min(epoch, E);
    panel(lossCtx, run, E, "loss");
    panel(accCtx, run, E, "accuracy");

    // the readout: the setting and the epoch; the numbers; the verdict on the whole run
    const left = leftAt(run);
    let head, tail;
    if (kernel) {
      const s = run.settings;
      head = `内核训练：${run.net}，η = ${fmt(s.eta)}，B = ${s.batch}，种子 ${s.seed}，第 ${epoch} 轮：`;
      tail = run.done ? `整个训练（${E} 轮）：${run.sentence}` : `训练中：已完成 ${Math.max(0, run.trL.length - 1)} / ${E} 轮`;
    } else {
      head = `${data.nets[net]}，η = ${fmt(data.etas[eta])}，B = ${data.batches[batch]}，第 ${epoch} 轮：`;
      tail = `整个训练（${E} 轮）：${run.sentence}`;
    }
    const body = epoch < run.trL.length ? numbers(run, epoch) : "（这一轮还没有训练完）";
    setText(readout, (refused ? refused + "\n" : "") + `${head}\n${body}\n${tail}`);
    const bad = Boolean(refused) || run.verdict === "diverging" || (left >= 0 && epoch >= left);
    readout.classList.toggle("nnx-bad", bad);
    root.dataset.verdict = run.verdict || "";
    root.dataset.epoch = String(epoch);
    setAttr(lossCanvas, "aria-label", `每一轮的损失（对数刻度），训练集实线、测试集虚线，画到第 ${epoch} 轮`);
    setAttr(accCanvas, "aria-label", `每一轮的准确率，训练集实线、测试集虚线，画到第 ${epoch} 轮`);

    // the controls say what is shown
    [[etaChoice, eta], [batchChoice, batch], [netChoice, net]].forEach(([choice, k]) => {
      choice.radios.forEach((radio, i) => { radio.checked = !kernel && i === k; });
    });
    setAttr(slider, "max", String(E));
    slider.value = String(epoch);
    setText(out, `第 ${epoch} 轮`);
    setAttr(slider, "aria-valuetext", `第 ${epoch} 轮`);
    if (ticks.dataset.epochs !== String(E)) {
      ticks.dataset.epochs = String(E);
      ticks.replaceChildren(...niceTicks(0, E, 5).filter(Number.isInteger).map((e) => {
        const mark = el("span", {}, String(e));
        mark.style.left = `${(100 * e) / Math.max(E, 1)}%`;
        return mark;
      }));
    }
  }

  const draw = countFrames(root, drawAll);
  const schedule = frameScheduler(draw);

  // the kernel (or another view of the same widget) may change the setting shown; our own saves change nothing
  const mine = { eta: () => eta, batch: () => batch, net: () => net, epoch: () => epoch };
  const set = { eta: (v) => { eta = v; }, batch: (v) => { batch = v; }, net: (v) => { net = v; }, epoch: (v) => { epoch = v; } };
  for (const name of Object.keys(mine)) {
    model.on(`change:${name}`, () => {
      const value = model.get(name);
      if (value === mine[name]()) return;
      set[name](value);
      if (name !== "epoch") showing = "grid";
      schedule();
    });
  }

  layout();
  draw();
  const unwatch = onWidthChange(host, () => { layout(); schedule(); });
  return () => unwatch();
}

const api = { render, mountStatic: (root) => mountStatic(render, root) };
export default api;
