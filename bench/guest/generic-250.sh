#!/bin/bash
# generic/250's steps as plain commands (xfs_io, dmsetup, mkfs, mount), for the guest benchmark:
# an unwritten extent, dm-error, a failing direct write, and the stale-data check after it.
set -u
. "$(dirname "$0")/common.sh"
fssize=$((196 * 1048576))
xfs_io -d -c "pwrite -S 0x69 -b 1048576 0 $fssize" "$SCRATCH_DEV" >/dev/null
mkfs_sized "$fssize"
dm_init
dm_mount; dm_unmount; dm_mount
mkdir -p "$SCRATCH_MNT/test-250"
f=$SCRATCH_MNT/test-250/file2
filesize=$((65536 * 640)) bufsize=$((65536 * 128))
xfs_io -f -c "falloc 0 $filesize" "$f"
dm_unmount; dm_mount
md5sum "$f" >/dev/null
xfs_io -f -c "pwrite -S 0x63 $bufsize 1" "$f" >/dev/null
sync
dm_error_table
xfs_io -d -f -c "pwrite -S 0x63 -b $bufsize 0 $filesize" "$f" >/dev/null 2>&1
dm_working_table
dm_unmount; dm_mount
md5sum "$f" >/dev/null
dm_unmount
dm_cleanup
fsck_scratch
