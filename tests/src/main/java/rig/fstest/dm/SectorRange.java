package rig.fstest.dm;

/** 512-byte sectors [start, start + length), as dmsetup tables count them. */
public record SectorRange(long start, long length) {
    public SectorRange {
        if (start < 0 || length <= 0) {
            throw new IllegalArgumentException("sector range " + start + "+" + length + " must have start >= 0 and length > 0");
        }
    }

    public long end() {
        return start + length;
    }
}
