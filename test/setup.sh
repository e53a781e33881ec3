#!/usr/bin/env bash
# Prepares a fresh Debian machine for the test suite: system packages (Chromium for the browser
# tests, libsecret and gnome-keyring for the keychain, D-Bus), npm packages, and the local
# Kubernetes control plane and a Gitea server (built from Go modules once, cached outside the
# repository).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(git chromium libsecret-1-dev gnome-keyring dbus dbus-x11 build-essential python3 openssh-server git-lfs)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Electron's binary download is not allowed to run during install (allowScripts in
# package.json); the variable also covers npm versions that ignore allowScripts.
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund

# Argo CD's resource_customizations catalogue, which the compatibility tests run unchanged: its Go
# module, from the Go module proxy into the Go module cache (outside the repository), once.
GOTOOLCHAIN=local go mod download github.com/argoproj/argo-cd/v3@v3.5.7

# the Gitea server of the SCM provider and pull-request generator tests, built once from Go modules
bash test/gitea/build.sh >/dev/null

# the OCI registry of the OCI source tests (CNCF distribution), built once from Go modules
bash test/oci/build.sh >/dev/null

if [ -f test/cluster/build.sh ]; then
  bash test/cluster/build.sh
fi
