"""`python -m tests.serving.supervise PORT WORKERS`: api.serving's supervisor over tests/serving/pid_app.py."""

from __future__ import annotations

import sys

import uvicorn

from api.serving import SocketPerWorker, bind_reuse_port

if __name__ == "__main__":
    port, workers = int(sys.argv[1]), int(sys.argv[2])
    config = uvicorn.Config("tests.serving.pid_app:app", host="127.0.0.1", port=port, workers=workers, log_level="info")
    SocketPerWorker(config, bind_reuse_port(config, workers)).run()
