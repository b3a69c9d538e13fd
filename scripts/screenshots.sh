#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png (guide, camera, result, fallback at a 390×844 phone viewport) by running
# the browser suite against Debian's Chromium with OPENIDV_SCREENSHOTS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
OPENIDV_SCREENSHOTS=1 node --test --test-concurrency=1 dist/test/hosted/browser.test.js
