#!/usr/bin/env bash
# Sets up what a fresh Debian 12 machine lacks for dvp-console, idempotently:
#   system packages from Debian's archive (every apt-packages.txt in the repo),
#   kubectl 1.20 from Debian (unpacked into .cache/tools, for compatibility tests),
#   pnpm from the npm registry, and the workspace's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
apt_updated=0
apt_update() {
  if [ "$apt_updated" -eq 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
}

mapfile -t wanted < <(cat scripts/apt-packages.txt packages/*/apt-packages.txt apps/*/apt-packages.txt e2e/apt-packages.txt 2>/dev/null |
  sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u)
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

k120=.cache/tools/kubectl-1.20/usr/bin/kubectl
if [ ! -x "$k120" ]; then
  echo "setup: fetching kubectl 1.20 (Debian kubernetes-client)"
  mkdir -p .cache/tools/dl
  (cd .cache/tools/dl && { apt-get download kubernetes-client >/dev/null 2>&1 || { apt_update; apt-get download kubernetes-client >/dev/null; }; })
  dpkg -x .cache/tools/dl/kubernetes-client_*.deb .cache/tools/kubectl-1.20
  rm -rf .cache/tools/dl
fi

# Playwright records video with its own ffmpeg build, which it cannot download here; Debian's
# ffmpeg (with libvpx) works in its place. The revision is the one @playwright/test 1.65 expects.
pw_ffmpeg="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/ffmpeg-1013/ffmpeg-linux"
if [ ! -x "$pw_ffmpeg" ]; then
  mkdir -p "$(dirname "$pw_ffmpeg")"
  ln -sf "$(command -v ffmpeg)" "$pw_ffmpeg"
fi

if ! command -v pnpm >/dev/null 2>&1; then
  echo "setup: installing pnpm"
  npm install -g pnpm@10.34.9 >/dev/null 2>&1
fi
pnpm install --frozen-lockfile --reporter=silent

# The demo image catalogue the sandbox serves at /catalogue/ (and the agent's tests boot):
# rebuilt when missing or when the build inputs changed (the build script's --hash against the
# manifest it wrote, as packages/hypervisor-agent/src/testing/guest-images.ts decides).
want=$(bash packages/hypervisor-agent/scripts/build-images.sh --hash)
have=$(sed -n 's/.*"scriptHash"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' .cache/guest-images/manifest.json 2>/dev/null || true)
if [ "$want" != "$have" ] || [ ! -f .cache/guest-images/demo.qcow2 ] || [ ! -f .cache/guest-images/demo.iso ]; then
  echo "setup: building the demo image catalogue (.cache/guest-images)"
  pnpm --filter @dvp/hypervisor-agent build-images --out .cache/guest-images
fi
