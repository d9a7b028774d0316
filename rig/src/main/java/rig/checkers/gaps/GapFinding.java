package rig.checkers.gaps;

import java.nio.file.Path;

/** One exact byte range that came back wrong, with what FIEMAP says of it and the write that owed it. */
public record GapFinding(Kind kind, String file, long start, long end, String fiemap, String cause) {

    public enum Kind {
        ZERO("zero-filled gap"), STALE("stale data"), WRONG("wrong data"), MISSING("missing data (beyond EOF)"),
        UNREADABLE("unreadable data (read error)"),
        /** The verifier could not check at all (the files could not be opened or listed). */
        NOT_VERIFIED("cannot read the written files back");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public long length() {
        return end - start;
    }

    /** "zero-filled gap at [1048576, 2097152) in dst: hole in FIEMAP" */
    public String line() {
        if (kind == Kind.NOT_VERIFIED) {
            return kind.words() + ": " + cause;
        }
        Path name = Path.of(file).getFileName();
        return kind.words() + " at [" + start + ", " + end + ") in " + (name == null ? file : name) + ": "
                + fiemap + " in FIEMAP";
    }

    /** The line with the full path and the write that owed the data, for the .gaps report. */
    public String detail() {
        return line() + "\n    file " + file + ", " + length() + " bytes; " + cause;
    }
}
