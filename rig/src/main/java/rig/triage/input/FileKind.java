package rig.triage.input;

import java.util.Locale;

/** The files of a results directory (rig's and fstests' names) and plain logs. */
enum FileKind {
    OUT_BAD(".out.bad"), FULL(".full"), DMESG(".dmesg"), NOTRUN(".notrun"), HINTS(".hints"), OE(".oe"),
    /** rig.checkers: gap verifier, blocked-task sampler, fsck after the test. */
    GAPS(".gaps"), BLOCKED(".blocked"), FSCK(".fsck"), CHECKERS(".checkers"),
    CHECK_LOG(null), RESULT_XML(null), LOG(null);

    final String suffix;

    FileKind(String suffix) {
        this.suffix = suffix;
    }

    boolean perTest() {
        return suffix != null;
    }

    /** The kind of a file by name, or null for files a directory walk ignores (golden .out, check.time, ...). */
    static FileKind of(String fileName) {
        String n = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        for (FileKind k : values()) {
            if (k.suffix != null && n.endsWith(k.suffix) && n.length() > k.suffix.length()) {
                return k;
            }
        }
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.equals("check.log")) {
            return CHECK_LOG;
        }
        if (lower.endsWith(".xml") && lower.contains("result")) {
            return RESULT_XML;
        }
        if (lower.endsWith(".log") || lower.endsWith(".console") || lower.startsWith("console")
                || lower.startsWith("dmesg") || lower.startsWith("kern") || lower.startsWith("messages")) {
            return LOG;
        }
        return null;
    }

    /** "250" for "250.out.bad". */
    String testBase(String fileName) {
        String n = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        return n.substring(0, n.length() - suffix.length());
    }
}
