#!/usr/bin/env bash
# The hostile-input issue's load figure: LoadIT's 200 concurrent clients for 60 s (bin/latch-test
# runs the same test for 10 s), against a throwaway database as bin/latch-test prepares it.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bin/latch-test -Dit.test=LoadIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlatch.test.load.seconds="${SECONDS_OF_LOAD:-60}"
