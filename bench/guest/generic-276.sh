#!/bin/bash
# generic/276's steps as plain commands: a reflinked copy, dm-error, a failing direct CoW overwrite.
set -u
. "$(dirname "$0")/common.sh"
mkfs_scratch
dm_init
dm_mount
mkdir -p "$SCRATCH_MNT/test-276"
f1=$SCRATCH_MNT/test-276/file1 f2=$SCRATCH_MNT/test-276/file2
filesize=$((65536 * 640)) bufsize=$((65536 * 128))
xfs_io -f -c "pwrite -S 0x61 -b $bufsize 0 $filesize" "$f1" >/dev/null
cp --reflink=always "$f1" "$f2"
dm_unmount; dm_mount
md5sum "$f1" "$f2" >/dev/null
sync
dm_error_table
xfs_io -d -f -c "pwrite -S 0x63 -b $bufsize 0 $filesize" "$f2" >/dev/null 2>&1
dm_working_table
rm -f "$f2"
dm_unmount; dm_mount
md5sum "$f1" >/dev/null
dm_unmount
dm_cleanup
fsck_scratch
