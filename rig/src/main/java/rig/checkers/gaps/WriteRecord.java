package rig.checkers.gaps;

/**
 * One write call as the test saw it: the file (its path and inode), the range asked, the
 * pattern written, and what the call returned: the byte count (a short count acknowledges only
 * [offset, offset + result)) or -errno. A positive result acknowledges data the filesystem
 * must return after a remount.
 */
public record WriteRecord(String file, long ino, long offset, long length, String pattern, long result) {

    public boolean failed() {
        return result < 0;
    }

    /** Bytes acknowledged: result when it is a count, 0 when the call failed. */
    public long acknowledged() {
        return Math.max(0, Math.min(result, length));
    }

    public long end() {
        return offset + length;
    }

    public Pattern parsedPattern() {
        return Pattern.parse(pattern);
    }
}
