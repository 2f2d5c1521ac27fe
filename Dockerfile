# syntax=docker/dockerfile:1

# The SLA API image: `sla serve` (the API) by default, `sla worker` and `sla migrate` with another command.
# It expects DATABASE_URL from the environment; the embedded PostgreSQL is for development only.

ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src

# Dependencies get their own layer, so a change to the source does not reinstall them.
COPY pyproject.toml ./
RUN python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
        > requirements.txt \
    && pip install -r requirements.txt

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
