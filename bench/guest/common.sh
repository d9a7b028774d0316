# common.sh: the few helpers the plain-shell steps share, as fstests' common/rc and common/dmerror
# do them: a dm-linear device over SCRATCH_DEV that an error table replaces (suspend, load, resume).
: "${SCRATCH_DEV:?}" "${SCRATCH_MNT:?}" "${TEST_DIR:?}" "${FSTYP:=btrfs}"
# without a udev daemon (the rig's guest has none) dmsetup would wait for udev's cookie forever
pgrep -x systemd-udevd >/dev/null || pgrep -x udevd >/dev/null || export DM_DISABLE_UDEV=1
DM_NAME=error-bench
DM_DEV=/dev/mapper/$DM_NAME
sectors() { blockdev --getsz "$SCRATCH_DEV"; }
mkfs_scratch() { "mkfs.$FSTYP" -f "$SCRATCH_DEV" >/dev/null 2>&1 || "mkfs.$FSTYP" -F "$SCRATCH_DEV" >/dev/null; }
mkfs_sized() {
    case $FSTYP in
        btrfs) mkfs.btrfs -f -b "$1" "$SCRATCH_DEV" >/dev/null ;;
        xfs) mkfs.xfs -f -d size="$1" "$SCRATCH_DEV" >/dev/null ;;
        *) "mkfs.$FSTYP" -F "$SCRATCH_DEV" $(($1 / 1024)) >/dev/null 2>&1 ;;
    esac
}
dm_init() { dmsetup create "$DM_NAME" --table "0 $(sectors) linear $SCRATCH_DEV 0"; }
dm_mount() { mount "$DM_DEV" "$SCRATCH_MNT"; }
dm_unmount() { umount "$SCRATCH_MNT"; }
dm_load() { dmsetup suspend --nolockfs "$DM_NAME"; dmsetup load "$DM_NAME" --table "$1"; dmsetup resume "$DM_NAME"; }
dm_error_table() { dm_load "0 $(sectors) error"; }
dm_working_table() { dm_load "0 $(sectors) linear $SCRATCH_DEV 0"; }
dm_cleanup() { dmsetup remove "$DM_NAME"; }
fsck_dev() {
    case $FSTYP in
        btrfs) btrfs check --readonly "$1" >/dev/null 2>&1 ;;
        xfs) xfs_repair -n "$1" >/dev/null 2>&1 ;;
        *) e2fsck -fn "$1" >/dev/null 2>&1 ;;
    esac
}
fsck_scratch() { fsck_dev "$SCRATCH_DEV"; }
# what fstests' check does after every test, inside the test's time: _check_filesystems (TEST_DEV
# unmounted, checked, mounted again; SCRATCH_DEV when the test used it) and _check_dmesg
post_test_checks() {
    umount "$TEST_DIR" && fsck_dev "$TEST_DEV"; mount "$TEST_DEV" "$TEST_DIR"
    [[ ${1:-} == scratch ]] && fsck_scratch
    dmesg | grep -E -q "WARNING:|BUG:|Oops|INFO: possible recursive locking" && echo "bench: dmesg has a warning" >&2
    return 0
}
