#!/usr/bin/env bash
# Installs, from Debian's packages, what the full test suite and the benches use beyond `npm install`:
# Chromium (browser tests of the capture page), fonts (the document generator), PostgreSQL and
# Redis (scale-out tests). Idempotent; needs root (as in CI) unless everything is present.
set -euo pipefail
packages=(chromium fonts-noto-cjk fonts-dejavu-core fonts-liberation2 fonts-ocr-b postgresql redis-server)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "install-test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
