#!/usr/bin/env bash
# Idempotent set-up of everything RobotSdk needs on a fresh Debian machine.
# Safe to run repeatedly: each step checks before it acts. Later issues add their
# native dependencies here (MuJoCo, AprilTag, ffmpeg, the ONNX Runtime library).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# Debian packages the repository needs, and the command or file that proves each is present.
# python3-can: python-can's SLCAN client is an independent peer for the emulated SLCAN adapter's tests.
# MuJoCo 2.2.2 (physics of the virtual arms) with its headers, OSMesa for rendering without a
# display, gcc for the small C shim that reads MuJoCo's structs; ffmpeg for cameras.
# libapriltag3 draws the AprilTag textures of the virtual worlds and detects tags for visual
# calibration (both bind libapriltag.so.3); python3-apriltag (with python3-opencv to read PNGs) is
# the real detector the tag tests use as a peer.
# python3-onnx: the ONNX checker validates the models the policy tests generate; npm fetches the ONNX
# Runtime native library (eng/fetch-onnxruntime.sh).
declare -A apt_packages=(
  [python3-can]=/usr/lib/python3/dist-packages/can/__init__.py
  [libmujoco2.2.2]=/usr/lib/x86_64-linux-gnu/libmujoco.so.2.2.2
  [libmujoco-dev]=/usr/include/mujoco/mujoco.h
  [libosmesa6]=/usr/lib/x86_64-linux-gnu/libOSMesa.so.8
  [libosmesa6-dev]=/usr/include/GL/osmesa.h
  [gcc]=gcc
  [ffmpeg]=ffmpeg
  [libapriltag3]=/usr/lib/x86_64-linux-gnu/libapriltag.so.3
  [python3-apriltag]=/usr/lib/python3/dist-packages/apriltag.cpython-311-x86_64-linux-gnu.so
  [python3-opencv]=/usr/lib/python3/dist-packages/cv2.cpython-311-x86_64-linux-gnu.so
  [python3-onnx]=/usr/lib/python3/dist-packages/onnx/checker.py
  [npm]=npm
  # The remote policy client's test server speaks openpi's wire format with these (and numpy's arrays).
  [python3-websockets]=/usr/lib/python3/dist-packages/websockets/__init__.py
  [python3-msgpack]=/usr/lib/python3/dist-packages/msgpack/__init__.py
  [python3-numpy]=/usr/lib/python3/dist-packages/numpy/__init__.py
  [python3-pil]=/usr/lib/python3/dist-packages/PIL/__init__.py
  # The prompt tokenizer's tests train SentencePiece models and compare encodings with this (0.1.97).
  [python3-sentencepiece]=/usr/lib/python3/dist-packages/sentencepiece/__init__.py
)

say() { printf 'bootstrap: %s\n' "$*"; }

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    say "the .NET 10 SDK is required and was not found on PATH."
    say "install it from https://dot.net (or Debian's packages.microsoft.com feed), then run this again."
    exit 1
  fi
  local major
  major="$(dotnet --version | cut -d. -f1)"
  if [ "$major" -lt 10 ]; then
    say "found .NET SDK $(dotnet --version); RobotSdk needs 10.0 or later (see global.json)."
    exit 1
  fi
}

install_apt_packages() {
  local missing=()
  for package in "${!apt_packages[@]}"; do
    local probe="${apt_packages[$package]}"
    if [ ! -e "$probe" ] && ! command -v "$probe" >/dev/null 2>&1; then
      missing+=("$package")
    fi
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "need root to install: ${missing[*]}"; exit 1; }
    sudo="sudo"
  fi
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}"
}

require_dotnet
install_apt_packages
if [ -f eng/build-native.sh ]; then
  say "building native shims"
  bash eng/build-native.sh
fi
say "fetching the ONNX Runtime native library"
bash eng/fetch-onnxruntime.sh
say "restoring NuGet packages"
dotnet restore RobotSdk.sln --verbosity quiet
say "ready"
