// The digits epoch player (选秀探索器, 第 7 章): one front end, live (anywidget) and static (the book's pages).
//
// One test image, the ten scores z the network gives it and their softmax probabilities, after each
// epoch of training. The reader scrubs the epochs (a slider, the arrow keys, or ▶ to play them) and
// picks another test image. Every number comes from Python: the scores, the probabilities and the
// network's answer of nnmath.network.MLP at each snapshot; this module only draws them.
// The helpers (el, fmt, niceTicks, setupCanvas, frameScheduler, countFrames, choiceGroup, barFrame, setText,
// explorerRoot, readoutElement, mountStatic, …) come from _common.js, which Python puts in front of this text.

const DIGITS = Array.from({ length: 10 }, (_, c) => String(c));
const RIGHT = "#2b8a3e", WRONG = "#d62728", OTHER = "#999999";

const STYLE = `
.nnx-play { min-width: 3em; }
`;

function render({ model, el: host }) {
  const data = model.get("data");
  const epochs = data.epochs, images = data.images, K = epochs.length;
  const root = explorerRoot(data.title, "digits");
  root.appendChild(el("style", {}, STYLE));
  root.appendChild(el("div", { class: "nnx-title", style: "font-weight:600" }, data.title));

  // the epoch: a slider over the snapshots, its value in words, and a play button
  const row = el("div", { class: "nnx-row" });
  const id = uid("nnx-epoch");
  const wrap = el("div", { class: "nnx-slider" });
  const slider = el("input", { type: "range", id, min: 0, max: K - 1, step: 1, "aria-label": "训练轮数" });
  wrap.appendChild(slider);
  const ticks = el("div", { class: "nnx-ticks", "aria-hidden": "true" });
  const every = Math.max(1, Math.ceil(K / 8));
  epochs.forEach((e, k) => {
    if (k % every && k !== K - 1) return;
    const mark = el("span", {}, String(e));
    mark.style.left = `${K > 1 ? (100 * k) / (K - 1) : 0}%`;
    ticks.appendChild(mark);
  });
  wrap.appendChild(ticks);
  const out = el("output", { class: "nnx-out", for: id });
  const play = el("button", { type: "button", class: "nnx-play", "aria-label": "播放：一轮一轮往后看" }, "▶");
  row.append(el("label", { for: id }, "训练轮数"), wrap, out, play);
  root.appendChild(row);
  const save = settledSave(model);
  slider.addEventListener("input", () => { stop(); model.set("step", Number(slider.value)); save(); });

  // the test image: one button per image, named by its right answer
  const { group: choice, radios } = choiceGroup("nnx-img", "测试图片（按正确答案）",
    images.map((image) => ({ text: String(image.label), label: `测试图片 ${image.index}（答案 ${image.label}）` })),
    (i) => { model.set("image", i); model.save_changes(); });
  if (images.length > 1) root.appendChild(choice);

  const canvas = el("canvas", { class: "nnx-draft", role: "img" });
  root.appendChild(panelsElement(canvas));
  const readout = root.appendChild(readoutElement());
  host.appendChild(root);

  let timer = null;
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; play.textContent = "▶"; play.setAttribute("aria-label", "播放：一轮一轮往后看"); }
  }
  play.addEventListener("click", () => {
    if (timer !== null) { stop(); return; }
    if (model.get("step") >= K - 1) { model.set("step", 0); model.save_changes(); }
    play.textContent = "❚❚";
    play.setAttribute("aria-label", "暂停");
    timer = setInterval(() => {
      model.set("step", Math.min(model.get("step") + 1, K - 1));
      model.save_changes();
      if (model.get("step") >= K - 1) stop();
    }, 600);
  });

  let layout = null;
  function measure() {
    const width = layoutWidth(root, host);
    const wide = width >= 620;
    const side = wide ? 170 : Math.min(130, width - 20);
    const ph = wide ? 135 : 150;
    const panel = (x0, y0, w) => ({ x0: x0 + 38, x1: x0 + w - 6, y0: y0 + 24, y1: y0 + ph - 22 });
    if (wide) {
      const w = width - side - 16;
      layout = { width, height: 2 * ph + 6, image: [0, 24, side], z: panel(side + 16, 0, w), p: panel(side + 16, ph + 6, w) };
    } else {
      const top = side + 30;
      layout = { width, height: top + 2 * ph + 6, image: [0, 24, side], z: panel(0, top, width), p: panel(0, top + ph + 6, width) };
    }
    layout.ctx = setupCanvas(canvas, layout.width, layout.height);
  }

  function bars(ctx, b, values, y, colors, base) {
    const w = (b.x1 - b.x0) / 10;
    for (let c = 0; c < 10; c++) {
      const top = y(values[c]), bottom = y(base);
      ctx.fillStyle = colors[c];
      ctx.fillRect(b.x0 + c * w + 0.15 * w, Math.min(top, bottom), 0.7 * w, Math.abs(bottom - top));
    }
  }

  function drawAll() {
    if (!layout) measure();
    const { ctx } = layout;
    const step = model.get("step"), i = model.get("image");
    const image = images[i], epoch = epochs[step];
    const z = image.z[step], p = image.p[step], guess = image.guess[step], label = image.label;
    ctx.clearRect(0, 0, layout.width, layout.height);
    // the image, 8 × 8 grey levels (0 white … 16 black)
    const [ix, iy, side] = layout.image;
    const px = side / 8;
    for (let r = 0; r < 8; r++) {
      for (let c = 0; c < 8; c++) {
        const g = Math.round(255 * (1 - image.pixels[8 * r + c] / 16));
        ctx.fillStyle = `rgb(${g},${g},${g})`;
        ctx.fillRect(ix + c * px, iy + r * px, Math.ceil(px), Math.ceil(px));
      }
    }
    ctx.strokeStyle = "#888";
    ctx.strokeRect(ix + 0.5, iy + 0.5, side - 1, side - 1);
    ctx.fillStyle = "#222";
    ctx.font = "13px sans-serif";
    ctx.textAlign = "left";
    ctx.fillText(`答案：${label}`, ix, iy - 8);
    const colors = Array.from({ length: 10 }, (_, c) => (c === guess ? (guess === label ? RIGHT : WRONG) : c === label ? "#a9d8b4" : OTHER));
    // the scores, on one scale for all epochs of this image
    const Z = layout.z, top = image.zmax;
    const yz = (v) => Z.y0 + ((top - v) / (2 * top)) * (Z.y1 - Z.y0);
    barFrame(ctx, Z, { title: "分数 z（选手的分数）", ticks: niceTicks(-top, top, 4), y: yz, zero: "#666", names: DIGITS });
    bars(ctx, Z, z, yz, colors, 0);
    // the probabilities, on [0, 1]
    const P = layout.p;
    const yp = (v) => P.y1 - v * (P.y1 - P.y0);
    barFrame(ctx, P, {
      title: "Softmax 概率（选中的概率）", ticks: [0, 0.5, 1], y: yp, label: (t) => `${Math.round(100 * t)}%`, zero: "#666", names: DIGITS,
    });
    bars(ctx, P, p, yp, colors, 0);
    ctx.fillStyle = "#222";
    ctx.font = "bold 11px sans-serif";
    ctx.textAlign = "center";
    ctx.fillText(`${Math.round(100 * p[guess])}%`, P.x0 + ((guess + 0.5) * (P.x1 - P.x0)) / 10, Math.max(yp(p[guess]) - 3, P.y0 - 1));

    setValue(slider, step);
    setText(out, `第 ${epoch} 轮`);
    radios[i].checked = true;
    const verdict = guess === label ? "答对了" : "答错了";
    const said = `第 ${epoch} 轮：网络认为是 ${guess}（概率 ${Math.round(100 * p[guess])}%），${verdict}；正确答案 ${label} 的概率 ${Math.round(100 * p[label])}%`;
    setText(readout, said);
    readout.classList.toggle("nnx-bad", guess !== label);
    canvas.setAttribute("aria-label", `测试图片 ${image.index}（答案 ${label}）在训练第 ${epoch} 轮时的十个分数和 Softmax 概率`);
    root.dataset.epoch = String(epoch);
  }

  const draw = countFrames(root, drawAll);
  const schedule = frameScheduler(draw);
  model.on("change:step", schedule);
  model.on("change:image", schedule);
  onWidthChange(root, () => { layout = null; schedule(); }, { slack: 2, width: 0 });
  draw();
}

const api = { render, mountStatic: (root) => mountStatic(render, root) };
export default api;
