#!/usr/bin/env bash
# Compile-time benchmark of #[derive(TypeFingerprint)]; see BENCHMARKS.md.
#   bench/run.sh                 # N=100,500,2000, 3 interleaved reps, all variants
#   bench/run.sh --quick         # N=50, 1 rep, baseline+objfp (CI smoke test, < 1 min warm)
#   bench/run.sh --objfp-ref 36172ac --self-profile --callgrind --wait-quiet 0.3
#                                # + objfp of a commit, where rustc's time goes, instructions
#   bench/run.sh --help
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/bench.py" "$@"
