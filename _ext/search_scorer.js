/* Search ranking of the book (Sphinx's html_search_scorer; _ext/book_fixes.py sets it).
 * Sphinx's default scores, plus: a chapter ranks above every appendix page, and
 * the API reference (objects and prose alike) ranks last, so a reader searching
 * a term finds the chapter that teaches it before the code that implements it. */
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    if (docname.startsWith("notebooks/")) return score + 30;
    if (docname === "book/api") return score - 30;
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
