package rig.triage.log;

/**
 * One stack frame.
 *
 * @param function normalised name (no offsets, no ".isra.0"/".constprop.0"/".cold" suffix)
 * @param module   the module in brackets ("btrfs"), or null for built-in code
 * @param reliable false for "? " frames and "(unreliable)" frames
 * @param text     the frame as printed, without address columns, e.g. "btrfs_sync_fs+0x3e/0x1c0 [btrfs]"
 */
public record Frame(String function, String module, boolean reliable, String text) {
}
