#!/bin/sh
# Download Fashion-MNIST from the official Zalando Research repository and verify it.
# Prefer the Debian package where available: apt-get install dataset-fashion-mnist.
# Usage: data/fetch_fashion_mnist.sh [DIR]   (DIR default: ~/lowrank-data/fashion-mnist)
# Checksums: the MD5 sums in the table of https://github.com/zalandoresearch/fashion-mnist (README, "Get the Data").
# No SHA-256 is published, so none is checked here.
set -eu
dir="${1:-$HOME/lowrank-data/fashion-mnist}"
base="https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion"
mkdir -p "$dir"
cd "$dir"
while read -r file md5; do
    if [ ! -f "$file" ]; then
        echo "downloading $base/$file"
        curl -fL --retry 3 -o "$file.part" "$base/$file"
        mv "$file.part" "$file"
    fi
    echo "$md5  $file" | md5sum -c - || { echo "checksum mismatch for $file (delete it and retry)" >&2; exit 1; }
done <<LIST
train-images-idx3-ubyte.gz 8d4fb7e6c68d591d4c3dfef9ec88bf0d
train-labels-idx1-ubyte.gz 25c81989df183df01b3e8a0aad5dffbe
t10k-images-idx3-ubyte.gz bef4ecab320f06d8554ea6380940ec79
t10k-labels-idx1-ubyte.gz bb300cfdad3c16e7a12a480ee83cd310
LIST
echo "Fashion-MNIST in $dir; export LOWRANK_FASHION_MNIST_DIR=$dir"
