#!/usr/bin/env bash
# The browser tests drive Debian's chromium (never a downloaded browser): install it when missing (~50 s, as root).
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "installing chromium for the browser tests" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
else
  echo "warning: /usr/bin/chromium is missing and this is not root: the browser tests will fail (sudo apt-get install -y chromium)" >&2
fi
