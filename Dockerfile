# syntax=docker/dockerfile:1

# The SLA API image: `sla serve` (the API) by default, `sla worker` and `sla migrate` with another command.
# It expects DATABASE_URL from the environment; the embedded PostgreSQL is for development only.

# The base image, pinned by digest so a rebuild gets the same bytes (a tag moves under you). The digest is the OCI
# image index (multi-arch) of Docker Hub's `python:3.11-slim-bookworm` (Python 3.11.16), as published in public
# repositories that resolved it from Docker Hub (its linux/amd64 manifest is sha256:bb3a5d38989e…); it could not be
# resolved from here (no registry access). To refresh it (monthly, or for a Python or Debian security release):
#   docker buildx imagetools inspect python:3.11-slim-bookworm     # the first `Digest:` line is the index
# and replace the digest below, then rebuild and run the tests. (Dependabot's `docker` ecosystem cannot refresh it:
# it does not read a FROM that names an ARG, dependabot-core#2057; tests/test_dockerfile.py guards the pin.)
# Override it for one build with:
#   docker build --build-arg PYTHON_IMAGE=python:3.11-slim-bookworm@sha256:<digest> .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm@sha256:2e32f7d302adc1c37428355c1e646897c0c53f4fd60b6a551245fb90ee129f91

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src

# Dependencies get their own layer, so a change to the source does not reinstall them. They come from the lock
# file (every transitive version and its hashes; `uv pip compile`, see the README), without the embedded
# PostgreSQL extra: the image is given DATABASE_URL.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .
RUN pip install --no-deps . \
    && sla --help > /dev/null


# The same base image as the builder: the virtualenv's interpreter links to its Python.
FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SLA_ENVIRONMENT=production
RUN groupadd --system --gid 10001 sla \
    && useradd --system --uid 10001 --gid sla --create-home --home-dir /home/sla sla
COPY --from=builder /opt/venv /opt/venv
USER sla
WORKDIR /home/sla

EXPOSE 8000
# The slim image has no curl; the standard library's urlopen fails on anything but a 2xx.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["sla", "serve", "--host", "0.0.0.0", "--no-worker"]
