#!/usr/bin/env bash
# Creates the bench-only Python environment (bench/.venv, git-ignored) with scikit-learn from PyPI.
# The project itself never imports Python: this exists so bench/random-forest.ts can compare against it.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet scikit-learn numpy
.venv/bin/python -c 'import sklearn, numpy; print("scikit-learn", sklearn.__version__, "numpy", numpy.__version__)'
