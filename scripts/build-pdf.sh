#!/usr/bin/env bash
# Build the printable edition: the whole book as one Chinese PDF, typeset by XeLaTeX
# through Jupyter Book's LaTeX builder → _build/latex/nnmath-book.pdf (and a copy in
# _build/html/, whose download menu links it once the HTML book is rebuilt).
#   - installs what it needs from Debian when missing (as root, or through sudo):
#     XeLaTeX, ctex and the Fandol Chinese fonts (texlive-lang-chinese), latexmk, and
#     poppler-utils (pdffonts, pdftotext) for the checks in tests/test_pdf.py;
#   - sets up the Python environment (scripts/setup.sh);
#   - executes every notebook with figures at print resolution and as vectors
#     (_ext/latex/ipython/), then typesets the LaTeX (_ext/pdf_edition.py, _ext/latex/).
# Usage: bash scripts/build-pdf.sh      (NNMATH_PDF_OUTPUT=DIR builds under DIR/_build instead)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${NNMATH_PDF_OUTPUT:-.}

packages=(texlive-xetex texlive-lang-chinese texlive-latex-recommended texlive-latex-extra
  texlive-fonts-recommended latexmk poppler-utils)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "build-pdf: please install ${missing[*]} (or their equivalents) with your system's package manager" >&2
    exit 1
  fi
  sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  echo "build-pdf: installing ${missing[*]} (apt-get, about 200 MB to download)"
  start=$SECONDS
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "build-pdf: installed in $((SECONDS - start)) s"
fi

bash scripts/setup.sh

# The notebook kernels of this build start from the print profile (a throw-away copy,
# since IPython writes into its profile folder).
IPYTHONDIR=$(mktemp -d)
export IPYTHONDIR
trap 'rm -rf "$IPYTHONDIR"' EXIT
cp -r _ext/latex/ipython/. "$IPYTHONDIR"

start=$SECONDS
.venv/bin/jupyter-book build . --builder latex --path-output "$out" -W --keep-going
latex_dir="$out/_build/latex"
# -halt-on-error: any LaTeX error fails the build; the log stays in nnmath-book.log.
(cd "$latex_dir" && latexmk -xelatex -interaction=nonstopmode -halt-on-error nnmath-book.tex >/dev/null 2>&1) || {
  grep -m 20 -A 3 "^!" "$latex_dir/nnmath-book.log" >&2 || true
  echo "build-pdf: XeLaTeX failed, see $latex_dir/nnmath-book.log" >&2
  exit 1
}
pdf=$(realpath "$latex_dir/nnmath-book.pdf")
if [[ -d "$out/_build/html" ]]; then
  cp "$pdf" "$out/_build/html/nnmath-book.pdf"
fi
echo
echo "The PDF is built in $((SECONDS - start)) s: $pdf"
echo "($(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') pages, $(du -h "$pdf" | cut -f1)). The HTML book's download menu offers it after its next build."
