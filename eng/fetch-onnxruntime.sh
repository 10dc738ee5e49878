#!/usr/bin/env bash
# Obtains the official ONNX Runtime native library (libonnxruntime.so.1, CPU build) from the npm
# package onnxruntime-node, because Microsoft.ML.OnnxRuntime is not on this project's NuGet feed.
# Idempotent: does nothing when the cached library is present and reports the expected version.
# Called by eng/bootstrap.sh; safe to run by hand.
#
# Cache layout (git-ignored, under the repository's .cache/):
#   .cache/onnxruntime/<version>/libonnxruntime.so.1          symbolic link to the library below
#   .cache/onnxruntime/<version>/node_modules/onnxruntime-node/   the npm package, this platform's
#        binaries only (bin/napi-v6/linux/<arch>/), kept so a Node.js benchmark peer can run
#   .cache/onnxruntime/<version>/node_modules/onnxruntime-common/ its JavaScript dependency
#
# `npm pack` downloads the tarball without running the package's install script (which tries to
# download CUDA binaries and fails offline) and checks the registry's integrity hash.
# RobotSdk.Policy finds the library by: an explicit path option, then $ROBOTSDK_ONNXRUNTIME_LIBRARY,
# then libonnxruntime.so.1 beside the application, then this cache (searched upward from the
# application's folder and the working directory), then the system's library search path.
set -euo pipefail

version="1.30.0"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir="$repo_root/.cache/onnxruntime/$version"
library_link="$cache_dir/libonnxruntime.so.1"

say() { printf 'fetch-onnxruntime: %s\n' "$*"; }

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) say "no prebuilt ONNX Runtime in onnxruntime-node for $(uname -m) (linux x64 and arm64 only)."; exit 1 ;;
esac
package_library="node_modules/onnxruntime-node/bin/napi-v6/linux/$arch/libonnxruntime.so.1"

# Prints the version string the library reports through OrtGetApiBase()->GetVersionString(),
# proving that it loads (glibc, libstdc++) and exports the C API entry point.
loaded_version() {
  /usr/bin/python3 - "$1" <<'PY'
import ctypes, sys
library = ctypes.CDLL(sys.argv[1])
get_api_base = library.OrtGetApiBase
get_api_base.restype = ctypes.POINTER(ctypes.c_void_p * 2)
get_version = ctypes.CFUNCTYPE(ctypes.c_char_p)(get_api_base().contents[1])
print(get_version().decode())
PY
}

if [ -e "$library_link" ] && [ "$(loaded_version "$library_link" 2>/dev/null || true)" = "$version" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  say "npm is required to obtain ONNX Runtime $version (the library ships in the npm package"
  say "onnxruntime-node@$version) and was not found on PATH. Install Node.js and npm (Debian: apt-get"
  say "install npm), or put libonnxruntime.so.1 $version somewhere and point ROBOTSDK_ONNXRUNTIME_LIBRARY at it."
  exit 1
fi

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

say "downloading onnxruntime-node@$version and onnxruntime-common@$version with npm pack"
for package in onnxruntime-node onnxruntime-common; do
  if ! (cd "$work_dir" && npm pack --loglevel=error "$package@$version" >/dev/null 2>"$work_dir/npm-$package.log"); then
    say "npm pack $package@$version failed (offline, or the registry is unreachable?). npm said:"
    head -n 6 "$work_dir/npm-$package.log" | sed 's/^/  /'
    say "run this again with network access, or set ROBOTSDK_ONNXRUNTIME_LIBRARY to an existing libonnxruntime.so.1 $version."
    exit 1
  fi
done

staging="$work_dir/staging"
mkdir -p "$staging/node_modules/onnxruntime-node" "$staging/node_modules/onnxruntime-common"
# Keep this platform's binaries only: the tarball also carries Windows, macOS and the other Linux
# architecture (about 230 MB together).
tar -xzf "$work_dir/onnxruntime-node-$version.tgz" -C "$staging/node_modules/onnxruntime-node" \
  --strip-components=1 --wildcards --no-anchored \
  --exclude='bin/napi-v6/win32/*' --exclude='bin/napi-v6/darwin/*' \
  --exclude="bin/napi-v6/linux/$([ "$arch" = x64 ] && echo arm64 || echo x64)/*"
tar -xzf "$work_dir/onnxruntime-common-$version.tgz" -C "$staging/node_modules/onnxruntime-common" \
  --strip-components=1

if [ ! -f "$staging/$package_library" ]; then
  say "onnxruntime-node@$version has no $package_library; the package layout changed."
  exit 1
fi

reported="$(loaded_version "$staging/$package_library" 2>&1 || true)"
if [ "$reported" != "$version" ]; then
  say "the extracted library did not load as ONNX Runtime $version: $reported"
  exit 1
fi

rm -rf "$cache_dir"
mkdir -p "$(dirname "$cache_dir")"
mv "$staging" "$cache_dir"
ln -s "$package_library" "$library_link"
say "ONNX Runtime $reported cached at $library_link"
