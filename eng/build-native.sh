#!/usr/bin/env bash
# Builds RobotSdk's native shims into artifacts/native/. Idempotent: a shim is rebuilt only when
# its sources (or this script) are newer than the library. Called by eng/bootstrap.sh and by the
# RobotSdk.Simulation build; safe to run by hand.
#
# librobotsdk_mujoco_shim.so: flat C functions over MuJoCo 2.2.2 (Debian libmujoco2.2.2 and
# libmujoco-dev), so managed code never hard-codes mjModel/mjData offsets. OSMesa is opened at run
# time by the shim (dlopen), so only its header (libosmesa6-dev) is needed here.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="$repo_root/native/mujoco_shim"
output_dir="$repo_root/artifacts/native"
output="$output_dir/librobotsdk_mujoco_shim.so"

say() { printf 'build-native: %s\n' "$*"; }

needs_build() {
  [ -f "$output" ] || return 0
  local input
  for input in "$source_dir"/*.c "$source_dir"/*.h "${BASH_SOURCE[0]}"; do
    [ "$input" -nt "$output" ] && return 0
  done
  return 1
}

if ! needs_build; then
  exit 0
fi

missing=()
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
[ -f /usr/include/mujoco/mujoco.h ] || missing+=(libmujoco-dev)
[ -e /usr/lib/x86_64-linux-gnu/libmujoco.so.2.2.2 ] || [ -e /usr/lib/libmujoco.so.2.2.2 ] || missing+=(libmujoco2.2.2)
[ -f /usr/include/GL/osmesa.h ] || missing+=(libosmesa6-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  say "cannot build the MuJoCo shim; missing: ${missing[*]}"
  say "run: bash eng/bootstrap.sh   (or: sudo apt-get install ${missing[*]})"
  exit 1
fi

mkdir -p "$output_dir"
# Build into a temporary file and rename it: parallel builds never see a half-written library.
temporary="$(mktemp "$output_dir/.librobotsdk_mujoco_shim.XXXXXX")"
trap 'rm -f "$temporary"' EXIT
say "compiling $output"
# Link against the exact soname so a different MuJoCo is never picked up; the shim also checks
# mj_version() == 222 at start-up from managed code.
gcc -std=c11 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wextra -Werror \
  -I"$source_dir" \
  -o "$temporary" "$source_dir/robotsdk_mujoco_shim.c" \
  -l:libmujoco.so.2.2.2 -ldl \
  -Wl,--no-undefined -Wl,-rpath,'$ORIGIN'
chmod 755 "$temporary"
mv -f "$temporary" "$output"
trap - EXIT
