#!/usr/bin/env bash
# Generates the Python messages and gRPC stubs from protos/ into generated/ (ignored by git), with Debian's protoc
# and grpc_python_plugin (packages protobuf-compiler, protobuf-compiler-grpc), for Debian's python3-protobuf and
# python3-grpcio. The well-known types come from libprotobuf-dev, google/rpc/{status,error_details}.proto from
# golang-github-gogo-googleapis-dev; google/api/{annotations,http}.proto (the contract's HTTP rules) from protos/.
set -euo pipefail
cd "$(dirname "$0")"

googleapis=/usr/share/gocode/src/github.com/gogo/googleapis
for need in /usr/bin/protoc /usr/bin/grpc_python_plugin /usr/include/google/protobuf/timestamp.proto "$googleapis/google/rpc/status.proto"; do
  if [ ! -e "$need" ]; then
    echo "missing $need: apt-get install protobuf-compiler protobuf-compiler-grpc libprotobuf-dev golang-github-gogo-googleapis-dev" >&2
    exit 1
  fi
done

rm -rf generated
mkdir generated
/usr/bin/protoc \
  --proto_path=../../protos --proto_path="$googleapis" --proto_path=/usr/include \
  --python_out=generated --grpc_python_out=generated --plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin \
  docstream/v1/document.proto docstream/v1/story.proto docstream/v1/document_service.proto google/api/annotations.proto google/api/http.proto \
  google/rpc/status.proto google/rpc/error_details.proto
