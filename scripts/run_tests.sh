#!/usr/bin/env bash
# The project's test command (README and .ci/run): dependencies, a browser for the end-to-end
# tests, then the whole pytest suite. Extra arguments go to pytest (e.g. `-m "not e2e"`).
# Works on a fresh Debian machine with Python 3.11 as root; exits non-zero if anything fails
# (the exit status is pytest's own).
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1

is_root() { [ "$(id -u)" = "0" ]; }
have_apt() { command -v apt-get >/dev/null 2>&1; }
apt_updated=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "$apt_updated" = 0 ]; then apt-get update -q; apt_updated=1; fi
  apt-get install -y -q "$@"
}

PYTHON=${PYTHON:-$(command -v python || command -v python3 || true)}
[ -n "$PYTHON" ] || { echo "run_tests.sh: no python / python3 found" >&2; exit 2; }

# Debian's own python3 is "externally managed" (PEP 668): pip refuses to install into it, so
# the dependencies go into a virtual environment next to the repository (.venv) instead.
if "$PYTHON" - <<'PY'
import os, sys, sysconfig
managed = os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))
sys.exit(0 if managed and sys.prefix == sys.base_prefix else 1)
PY
then
  if [ ! -x .venv/bin/python ]; then
    if ! "$PYTHON" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      if is_root && have_apt; then apt_install python3-venv; fi
      "$PYTHON" -m venv .venv
    fi
  fi
  PYTHON=.venv/bin/python
fi

"$PYTHON" -m pip install -q -r requirements-dev.txt

# Debian packages the end-to-end tests need, installed when missing (one apt-get update for all):
# * chromium: the browser tests drive it through Playwright; we never run `playwright install`
#   (it downloads its own browser build);
# * nginx: tests/e2e/test_e2e_deploy.py runs deploy/run_local.sh, two replicas behind nginx.
# Without root or apt-get, the tests needing a missing package skip, saying why.
have_nginx() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
have_nginx || missing+=(nginx)
if [ "${#missing[@]}" -gt 0 ]; then
  if is_root && have_apt; then
    echo "run_tests.sh: installing Debian's ${missing[*]} for the end-to-end tests" >&2
    # A failed install (e.g. the nginx service cannot start because port 80 is taken) does not
    # stop the suite: the deploy test runs its own nginx on its own ports, or skips saying why.
    if ! apt_install "${missing[@]}"; then
      echo "run_tests.sh: apt-get could not install ${missing[*]}: the end-to-end tests that" \
           "need them will be skipped" >&2
    fi
  else
    echo "run_tests.sh: ${missing[*]} missing and cannot be installed here (not root or no" \
         "apt-get): the end-to-end tests that need them will be skipped" >&2
  fi
fi

exec "$PYTHON" -m pytest "$@"
