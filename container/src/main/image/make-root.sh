#!/usr/bin/env bash
# Lays out the image's file system under OUT/root and writes OUT/base.tar, the image Jib builds on.
#   OUT/root/opt/java   a jlink runtime of the JDK running Maven, with only the modules the server uses
#   OUT/root/lib...     the shared libraries that runtime and the SQLite driver's native library load, from this machine
#   OUT/root/data, tmp  the store's volume and the temporary directory (the SQLite driver unpacks its library there)
#   OUT/base.tar        an image without layers whose configuration holds the health check (Jib keeps a base's one)
# Usage: make-root.sh JAVA_HOME MODULES SQLITE_JAR BASE_DIR OUT
set -euo pipefail
java_home=$1 modules=$2 sqlite_jar=$3 base_dir=$4 out=$5
root=$out/root runtime=$out/root/opt/java stamp="$java_home $modules"

# jlink takes most of the time: a build that did not clean keeps the runtime when nothing it is made from changed
if [ "$(cat "$out/runtime.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$root"
  mkdir -p "$root/opt"
  "$java_home/bin/jlink" --add-modules "$modules" --output "$runtime" \
    --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive \
    --exclude-files='glob:/java.desktop/lib/**' >/dev/null
  # the archive for heaps over 32 GB, never used here
  rm -f "$runtime/lib/server/classes_nocoops.jsa"
  echo "$stamp" > "$out/runtime.stamp"
fi

# every library the runtime and the SQLite driver load, at the path the loader looks for it
sqlite_lib=$(mktemp -d)
trap 'rm -rf "$sqlite_lib"' EXIT
(cd "$sqlite_lib" && "$java_home/bin/jar" xf "$sqlite_jar" org/sqlite/native/Linux/x86_64)
find "$runtime" "$sqlite_lib" -type f \( -name '*.so' -o -perm -u+x \) \
  | while read -r elf; do ldd "$elf" 2>/dev/null || true; done \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' \
  | grep -v "^$runtime" | sort -u \
  | while read -r lib; do
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done

mkdir -p "$root/data" "$root/tmp"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out/base.tar" -C "$base_dir" manifest.json config.json
