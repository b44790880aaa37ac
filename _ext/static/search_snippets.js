/* Search snippets of the book: prose only (loaded by search.html after Sphinx's searchtools.js).
 * Sphinx cuts each result's snippet out of the text of the page it found; before that, drop what a
 * reader would not call prose: the TeX source that KaTeX keeps for screen readers, display formulas,
 * code cells, explorers and their fallbacks, and the page's navigation (its table of contents, header,
 * previous/next links). A short inline formula keeps its rendered text (η, x₀). */
(() => {
  const DROP = [
    ".katex-mathml", ".cell_input", "pre", ".nnmath-explorer", "noscript", "script", "style",
    "nav", ".bd-toc", ".bd-sidebar-secondary", ".header-article", ".prev-next-area", "footer", "button",
  ];
  const INLINE_KEPT = 12; // characters of an inline formula's rendered text kept in a snippet
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(".katex-display").forEach((el) => el.replaceWith(" … "));
    DROP.forEach((query) => doc.querySelectorAll(query).forEach((el) => el.remove()));
    doc.querySelectorAll(".katex").forEach((el) => {
      const text = el.textContent.trim();
      el.replaceWith(text.length <= INLINE_KEPT ? text : "…");
    });
    return pageText(doc.documentElement.outerHTML, anchor);
  };
})();
