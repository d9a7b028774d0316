#!/bin/bash
# generic/708's steps as plain commands: a 2 MiB file, copied by a direct write from its own mapping
# (the first page touched, the rest faulted in by the write: iomap's partial direct write), compared.
set -u
. "$(dirname "$0")/common.sh"
src=$TEST_DIR/dio-buf-fault-708.src dst=$TEST_DIR/dio-buf-fault-708.dst
rm -f "$src" "$dst"
xfs_io -f -c "pwrite 0 2m" "$src" >/dev/null
"$HELPERS/dio-mmap-copy" "$src" "$dst"
cmp "$src" "$dst"
