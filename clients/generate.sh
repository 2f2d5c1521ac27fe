#!/usr/bin/env bash
# Regenerate the checked-in SDKs from the committed OpenAPI document (api/openapi.json).
# Python: openapi-python-client 0.29.1 (pinned; it formats with the ruff on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
python -m api.export_openapi --check
tool=.sla/openapi-python-client
[ -x "$tool/bin/openapi-python-client" ] || { python -m venv "$tool" && "$tool/bin/pip" install -q openapi-python-client==0.29.1; }
rm -rf clients/python/sla_client
"$tool/bin/openapi-python-client" generate --path api/openapi.json --meta none --output-path clients/python/sla_client

# TypeScript: openapi-typescript types (pinned in clients/typescript/package.json) for the openapi-fetch client.
if command -v npm >/dev/null 2>&1; then
    (cd clients/typescript && npm ci --no-audit --no-fund && npm run -s generate && npx tsc --noEmit)
else
    echo "generate.sh: npm is not installed; the TypeScript client was not regenerated" >&2
fi
