package rig.triage;

/**
 * A row of the known-signature table that matched.
 *
 * @param verdict   "fix" (reference is a commit id), "link" (reference is a URL) or "expected"
 * @param reference commit id or URL; "-" when the verdict needs none
 * @param subject   commit subject or a short note
 */
public record KnownFix(String verdict, String reference, String subject) {
    public boolean expected() {
        return "expected".equals(verdict);
    }

    /** One line for people, e.g. {@code fix b73a6fd1b1ef "btrfs: split partial dio bios before submit"}. */
    public String describe() {
        return switch (verdict) {
            case "fix" -> "fix " + reference + " \"" + subject + "\"";
            case "link" -> subject + " <" + reference + ">";
            default -> subject;
        };
    }
}
