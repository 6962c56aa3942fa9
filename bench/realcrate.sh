#!/usr/bin/env bash
# objfp's compile-time cost on a real crate of wire types; see BENCHMARKS.md.
#   bench/realcrate.sh                       # lsp-types, objfp before (36172ac) and now, 5 reps
#   bench/realcrate.sh --self-profile --callgrind --wait-quiet 0.3
#   bench/realcrate.sh --help
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/realcrate.py" "$@"
