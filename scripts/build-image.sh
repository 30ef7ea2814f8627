#!/usr/bin/env bash
# Builds the dashboard image from the root Dockerfile without any network access inside the build, and
# tags it vibejudge-dashboard:local (IMAGE_TAG to change). Three steps, each skipped when its result is
# already there:
#   1. the base image: the official python:3.11-slim when it is present or can be pulled; otherwise a
#      local stand-in, vibejudge-base:bookworm-local, made with debootstrap (Debian bookworm's Python 3.11)
#      and cached as a tarball in .cache/base/ so a restarted engine re-imports it instead of rebuilding;
#   2. the wheelhouse: dashboard/requirements.txt downloaded on the host as cp311 manylinux x86_64 wheels
#      into .cache/wheelhouse/ (git-ignored), keyed by the requirements' hash; every wheel must have the
#      sha256 committed in dashboard/requirements.hashes.txt (pip checks it on download, and again in
#      the build with --require-hashes);
#   3. docker build with --build-arg BASE_IMAGE=<the base above>; pip installs from the wheelhouse only.
# `--prepare-only` stops after steps 1 and 2. BASE_IMAGE=<image> forces a base (it must exist locally).
# `--lock` downloads dashboard/requirements.txt without hashes and writes dashboard/requirements.hashes.txt
# from those wheels (run it after changing a pin, review the diff, commit both files).
set -euo pipefail
cd "$(dirname "$0")/.."

OFFICIAL_BASE=python:3.11-slim
LOCAL_BASE=vibejudge-base:bookworm-local
IMAGE_TAG=${IMAGE_TAG:-vibejudge-dashboard:local}
WHEELHOUSE=.cache/wheelhouse
BASE_CACHE=.cache/base

step() { printf '==> %s\n' "$*"; }
die() { printf 'build-image: %s\n' "$*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers; start one with: bash scripts/setup-docker.sh"

# --- 1. base image ---------------------------------------------------------------------------------
# What the stand-in is made of; changing it changes the cache key, so a stale tarball is never reused.
DEBOOTSTRAP_ARGS=(--variant=minbase --include=python3,python3-venv,ca-certificates bookworm)
# The mirror this machine's own apt uses (its sources list), so the project names no package host.
host_debian_mirror() {
  # Never fails (set -e and pipefail): a machine without these files simply has no mirror to offer.
  { grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null || true
    grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null || true; } |
    awk '$1 == "URIs:" { print $2; next } { print ($2 ~ /^\[/) ? $3 : $2 }' | grep -E '/debian/?$' | head -1 || true
}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(host_debian_mirror)}

build_local_base() {
  local key tarball rootfs
  key=$(printf '%s\n' "${DEBOOTSTRAP_ARGS[@]}" "trim-v1" | sha256sum | cut -c1-16)
  tarball="$BASE_CACHE/bookworm-minbase-$key.tar"
  if [ ! -s "$tarball" ]; then
    if ! command -v debootstrap >/dev/null 2>&1; then
      step "installing debootstrap"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq debootstrap >/dev/null
    fi
    [ -n "$DEBIAN_MIRROR" ] || die "no Debian mirror in this machine's apt sources; set DEBIAN_MIRROR=<the mirror's URL>"
    rootfs=$(mktemp -d /tmp/vibejudge-rootfs.XXXXXX)
    step "debootstrap ${DEBOOTSTRAP_ARGS[*]} (a few minutes)"
    debootstrap "${DEBOOTSTRAP_ARGS[@]}" "$rootfs" "$DEBIAN_MIRROR" > "$BASE_CACHE/debootstrap.log" 2>&1 \
      || { rm -rf "$rootfs"; die "debootstrap failed; see $BASE_CACHE/debootstrap.log"; }
    # What a container never reads: package caches and indexes, documentation, manuals, translations.
    rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
      "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/lintian "$rootfs"/tmp/*
    find "$rootfs"/usr/lib/python3* -name __pycache__ -prune -exec rm -rf {} +
    tar -C "$rootfs" -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
    rm -rf "$rootfs"
  fi
  step "importing $tarball as $LOCAL_BASE"
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["python3"]' \
    --change 'LABEL org.opencontainers.image.description="Local stand-in base (debootstrap bookworm minbase + python3), not an official image"' \
    "$tarball" "$LOCAL_BASE" >/dev/null
}

mkdir -p "$BASE_CACHE" "$WHEELHOUSE"
if [ -n "${BASE_IMAGE:-}" ]; then
  docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 || die "BASE_IMAGE=$BASE_IMAGE is not present locally"
  base=$BASE_IMAGE
elif docker image inspect "$OFFICIAL_BASE" >/dev/null 2>&1; then
  base=$OFFICIAL_BASE
elif timeout 60 docker pull -q "$OFFICIAL_BASE" >/dev/null 2>&1; then
  base=$OFFICIAL_BASE
else
  base=$LOCAL_BASE
  if ! docker image inspect "$LOCAL_BASE" >/dev/null 2>&1; then
    step "$OFFICIAL_BASE cannot be pulled; building the local stand-in $LOCAL_BASE"
    build_local_base
  fi
fi
step "base image: $base"

# --- 2. wheelhouse ---------------------------------------------------------------------------------
# The image's Python is 3.11 on glibc 2.36 (bookworm) x86_64, whichever base is used.
PIP_TARGET=(--only-binary=:all: --implementation cp --python-version 3.11 --abi cp311
  --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64)
HASHED=dashboard/requirements.hashes.txt
pip=python3
[ -x .venv/bin/python ] && pip=.venv/bin/python
pins_of() { grep -Eo '^[A-Za-z0-9_.-]+==[^ \\]+' "$1" | tr 'A-Z_' 'a-z-' | sort; }
if [ "${1:-}" = "--lock" ]; then
  lockdir=$(mktemp -d)
  trap 'rm -rf "$lockdir"' EXIT
  step "downloading dashboard/requirements.txt to hash it"
  "$pip" -m pip download --quiet --disable-pip-version-check --no-deps "${PIP_TARGET[@]}" \
    -r dashboard/requirements.txt -d "$lockdir"
  "$pip" - "$lockdir" dashboard/requirements.txt "$HASHED" <<'PY'
import hashlib, pathlib, re, sys
wheels, reqs, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
norm = lambda s: re.sub(r"[-_.]+", "-", s).lower()
by_pin = {}
for whl in wheels.glob("*.whl"):
    name, version = whl.name.split("-")[:2]
    by_pin[f"{norm(name)}=={version}"] = hashlib.sha256(whl.read_bytes()).hexdigest()
lines = ["# The pins of requirements.txt with the sha256 of the one wheel each that the image installs (cp311,",
         "# manylinux x86_64). Written by `bash scripts/build-image.sh --lock`; do not edit by hand. The build",
         "# downloads and installs with these hashes, so a wheel that differs from the reviewed one stops it."]
for line in reqs.read_text().splitlines():
    if "==" not in line or line.lstrip().startswith("#"):
        continue
    pin = line.split("#")[0].strip()
    name, version = pin.split("==")
    lines.append(f"{pin} \\\n    --hash=sha256:{by_pin[norm(name) + '==' + version]}")
out.write_text("\n".join(lines) + "\n")
print(f"wrote {out}: {len(lines) - 3} pins")
PY
  exit 0
fi
# The hashes must cover exactly the pins of requirements.txt: a changed pin needs a new review.
[ -f "$HASHED" ] || die "$HASHED is missing; run: bash scripts/build-image.sh --lock"
[ "$(pins_of dashboard/requirements.txt)" = "$(pins_of "$HASHED")" ] \
  || die "dashboard/requirements.txt and $HASHED pin different versions; run: bash scripts/build-image.sh --lock"
want=$( { cat dashboard/requirements.txt "$HASHED"; printf '%s\n' "${PIP_TARGET[@]}"; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$WHEELHOUSE/.requirements.sha" 2>/dev/null)" != "$want" ]; then
  step "downloading wheels into $WHEELHOUSE (hashes checked)"
  # pip download keeps the files already there; afterwards only the wheels the pins name stay.
  "$pip" -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes "${PIP_TARGET[@]}" \
    -r "$HASHED" -d "$WHEELHOUSE"
  "$pip" - "$WHEELHOUSE" dashboard/requirements.txt <<'PY'
import pathlib, re, sys
norm = lambda s: re.sub(r"[-_.]+", "_", s).lower()
pins = {norm(l.split("==")[0]) + "-" + l.split("==")[1].strip()
        for l in pathlib.Path(sys.argv[2]).read_text().splitlines() if "==" in l and not l.startswith("#")}
for whl in pathlib.Path(sys.argv[1]).glob("*.whl"):
    name, version = whl.name.split("-")[:2]
    if f"{norm(name)}-{version}" not in pins:
        whl.unlink()
PY
  echo "$want" > "$WHEELHOUSE/.requirements.sha"
else
  step "wheelhouse up to date ($(ls "$WHEELHOUSE"/*.whl | wc -l) wheels)"
fi

[ "${1:-}" = "--prepare-only" ] && exit 0

# --- 3. the image ----------------------------------------------------------------------------------
step "docker build -t $IMAGE_TAG (BASE_IMAGE=$base)"
version=$(node -p "require('./package.json').version" 2>/dev/null || echo 0.0.0)
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
log=.cache/docker-build.log
if ! docker build --build-arg "BASE_IMAGE=$base" --build-arg "VERSION=$version" \
    --build-arg "REVISION=$revision" -t "$IMAGE_TAG" . > "$log" 2>&1; then
  tail -n 40 "$log" >&2
  die "docker build failed; the whole log is in $log"
fi
size=$(docker image inspect -f '{{.Size}}' "$IMAGE_TAG")
printf '%s: %s MB (%s bytes)\n' "$IMAGE_TAG" "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }')" "$size"
