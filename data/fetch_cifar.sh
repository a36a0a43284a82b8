#!/bin/sh
# Download CIFAR-10 / CIFAR-100 (binary versions) from the official page and verify them.
# Usage: data/fetch_cifar.sh [10|100|all] [DIR]   (DIR default: $LOWRANK_DATA_DIR or ~/lowrank-data)
# Checksums: the MD5 sums published on https://www.cs.toronto.edu/~kriz/cifar.html for the binary versions.
# The page publishes no SHA-256, so none is checked here.
set -eu
which="${1:-all}"
dir="${2:-${LOWRANK_DATA_DIR:-$HOME/lowrank-data}}"
base="https://www.cs.toronto.edu/~kriz"
mkdir -p "$dir"
cd "$dir"

fetch() { # file md5
    if [ ! -f "$1" ]; then
        echo "downloading $base/$1"
        curl -fL --retry 3 -o "$1.part" "$base/$1"
        mv "$1.part" "$1"
    fi
    echo "$2  $1" | md5sum -c - || { echo "checksum mismatch for $1 (delete it and retry)" >&2; exit 1; }
    tar -xzf "$1"
}

case "$which" in
    10|all) fetch cifar-10-binary.tar.gz c32a1d4ab5d03f1284b67883e8d87530 ;;
esac
case "$which" in
    100|all) fetch cifar-100-binary.tar.gz 03b5dce01913d631647c71ecec9e9cb8 ;;
esac
case "$which" in
    10|100|all) ;;
    *) echo "usage: $0 [10|100|all] [DIR]" >&2; exit 2 ;;
esac
echo "CIFAR in $dir (set LOWRANK_DATA_DIR=$dir if that is not the default)"
