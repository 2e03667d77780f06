"""The documented local deployment works: two replicas behind Debian's nginx (ip_hash) on loopback.

Runs ``bash deploy/run_local.sh --check`` exactly as deploy/README.md says, on free ports: the
page, health, websocket sessions through nginx, stickiness, failover, a browser drawing a chart.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from e2e_helpers import ROOT, free_port


def test_two_replicas_behind_nginx(chromium, tmp_path):
    if shutil.which("nginx") is None and not os.path.exists("/usr/sbin/nginx"):
        # scripts/run_tests.sh installs Debian's nginx when it can (root and apt-get): only a
        # machine where that is impossible gets here
        pytest.skip("nginx is not installed and could not be installed here (scripts/run_tests.sh "
                    "installs it with apt-get only as root): deploy/run_local.sh needs Debian's "
                    "nginx (apt-get install -y nginx)")
    ports = [free_port() for _ in range(3)]
    env = dict(os.environ, PORT=str(ports[0]), REPLICA_PORTS=f"{ports[1]} {ports[2]}",
               RUN_DIR=str(tmp_path / "run"))
    proc = subprocess.run(["bash", os.path.join("deploy", "run_local.sh"), "--check"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=240)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    for check in ("page through nginx", "websocket sessions through nginx", "sticky (ip_hash)",
                  "failover", "browser draws a chart through nginx"):
        assert f"[ok] {check}" in out, out
    # nothing left listening: the script stopped what it started
    for p in ports:
        with __import__("socket").socket() as s:
            assert s.connect_ex(("127.0.0.1", p)) != 0, f"port {p} still open"
