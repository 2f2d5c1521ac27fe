#!/usr/bin/env bash
# Installs PostGraphile 5 and Node 22 (the npm package `node`, a Node binary of its own) into this folder's
# node_modules, exactly as package-lock.json pins them. Needs npm (any Node ≥ 18 to run npm itself); bench/hot_paths.py
# then runs node_modules/.bin/node and never installs anything itself. About 480 MB, ignored by git.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "install.sh: npm is needed (e.g. apt-get install -y npm)" >&2; exit 1; }
npm ci --no-audit --no-fund
echo "PostGraphile $(sed -n 's/^  "version": "\(.*\)",$/\1/p' node_modules/postgraphile/package.json) on Node $(node_modules/.bin/node --version)"
