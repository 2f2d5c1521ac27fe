# syntax=docker/dockerfile:1

# The SLA API image: `sla serve` (the API) by default, `sla worker` and `sla migrate` with another command.
# It expects DATABASE_URL from the environment; the embedded PostgreSQL is for development only.

# Pin the base by digest where you build (`docker buildx imagetools inspect python:3.11-slim` prints it), e.g.
#   docker build --build-arg PYTHON_IMAGE=python:3.11-slim@sha256:<digest> .
# The digest is not committed here: it was written without access to a container registry to resolve it.
ARG PYTHON_IMAGE=python:3.11-slim

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
