package rig.engine.vm;

/** Where a guest's TEST_DEV and SCRATCH_DEV are ({@code rig vm --disks}). */
public enum GuestDisks {
    /** The guest's own virtio disks, /dev/vdb and /dev/vdc. */
    virtio,
    /** Plain loop devices the rig makes in the guest (RIG_SCRATCH_BACKEND=loop), dm stacked on them for faults. */
    loop
}
