#!/bin/bash
# Makes this directory's kernel logs from real runs on this host's kernel: a filesystem on a rig Java
# device whose table then fails every write, written to and synced until the filesystem gives up
# (btrfs: transaction abort; xfs: log I/O error and forced shutdown; ext4: journal abort). Each
# FSTYP.dmesg is the kernel log between the run's markers, as rig's kernel-log checker keeps it.
# Run as root from the project root: rig/src/test/resources/rig/triage/fs-errors/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rig=$(pwd)/bin/rig
mnt=$(mktemp -d /tmp/rig-fs-errors.XXXXXX)
for fs in btrfs xfs ext4; do
    out=$(mktemp)
    RIG_SKIP_BUILD=1 "$rig" device create --name "fserr-$fs" --size 1G > "$out" &
    pid=$!
    for _ in $(seq 200); do grep -q '^device ' "$out" 2>/dev/null && break; sleep 0.1; done
    dev=$(awk '/^device / {print $3}' "$out")
    sock=$(awk '/^device / {print $5}' "$out")
    mkfs."$fs" -q $([[ $fs == ext4 ]] && echo -F || echo -f) "$dev" >/dev/null
    mount "$dev" "$mnt"
    echo "rig: fs-errors start $fs" > /dev/kmsg
    dd if=/dev/urandom of="$mnt/a" bs=1M count=8 status=none; sync
    printf '0 - error write\n' | RIG_SKIP_BUILD=1 "$rig" device load --socket "$sock" -
    for i in 1 2 3; do dd if=/dev/urandom of="$mnt/b$i" bs=1M count=4 status=none conv=fsync || true; sync || true; done
    touch "$mnt/c" 2>/dev/null || true; sync || true
    sleep 1
    echo "rig: fs-errors end $fs" > /dev/kmsg
    umount "$mnt" || umount -l "$mnt"
    kill "$pid"; wait "$pid" || true
    dmesg | sed -n "/rig: fs-errors start $fs/,/rig: fs-errors end $fs/p" > "$here/$fs.dmesg"
    rm -f "$out"
done
rmdir "$mnt"
