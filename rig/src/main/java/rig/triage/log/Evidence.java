package rig.triage.log;

/** How a log line is shown as evidence: its timestamp (if any) and its text, at most 240 characters. */
public final class Evidence {
    static final int MAX = 240;

    private Evidence() {
    }

    public static String line(String stamp, String text) {
        String t = text.length() > MAX ? text.substring(0, MAX) + " ..." : text;
        return stamp.isEmpty() ? t : stamp + " " + t;
    }
}
