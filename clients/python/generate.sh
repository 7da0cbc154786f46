#!/usr/bin/env bash
# Generates the lockctl.v1 messages (*_pb2.py) and gRPC stubs (*_pb2_grpc.py) from the repository's
# proto/ into OUT_DIR (default: this directory), as the package `lockctl.v1` that lockctl_client
# imports. The output is not committed: run this after every change to proto/.
#
#   clients/python/generate.sh [OUT_DIR]
#
# Uses protoc and grpc_python_plugin from PATH (Debian: protobuf-compiler, protobuf-compiler-grpc,
# and libprotobuf-dev for the well-known types); PROTOC and GRPC_PYTHON_PLUGIN override them.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
proto_root=$(cd "$here/../../proto" && pwd)
out=${1:-$here}
protoc=${PROTOC:-protoc}
plugin=${GRPC_PYTHON_PLUGIN:-$(command -v grpc_python_plugin || true)}
if [[ -z "$plugin" ]]; then
  echo "generate.sh: grpc_python_plugin not found (Debian: apt-get install protobuf-compiler-grpc)" >&2
  exit 1
fi

mkdir -p "$out"
rm -rf "$out/lockctl"
"$protoc" -I "$proto_root" \
  --python_out="$out" \
  --grpc_python_out="$out" --plugin=protoc-gen-grpc_python="$plugin" \
  "$proto_root"/lockctl/v1/*.proto
# Regular packages, not namespace packages: the first `lockctl` on sys.path wins whole, so a stale
# copy elsewhere on the path cannot mix with this one.
touch "$out/lockctl/__init__.py" "$out/lockctl/v1/__init__.py"
