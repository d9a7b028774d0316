package rig.engine.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel patch that re-introduces a failure, with what it says of itself in the lines before
 * the diff (patch(1) ignores them): "Rig-Mutant: what it breaks" (continued on indented lines)
 * and one or more "Rig-Expect: TEST SIGNATURE" naming a test that must catch it and how
 * ({@link Detection.Sign}: gaps, hung, mismatch, kmsg, oe, fsck). A patch without Rig-Expect is
 * a blind mutant (one written by someone else, a bug nobody has named): any failure of the tests
 * catches it, and the matrix says which tests failed and how.
 */
record Mutant(String name, Path patch, String description, List<Expectation> expected) {

    record Expectation(String test, Detection.Sign sign) {
        @Override
        public String toString() {
            return test + " " + sign.word();
        }
    }

    static Mutant read(Path patch) throws IOException {
        String name = patch.getFileName().toString().replaceFirst("\\.patch$", "");
        StringBuilder description = new StringBuilder();
        List<Expectation> expected = new ArrayList<>();
        boolean inDescription = false;
        for (String line : Files.readAllLines(patch)) {
            if (line.startsWith("--- ") || line.startsWith("diff ")) {
                break;
            }
            if (line.startsWith("Subject:") && description.length() == 0) {
                description.append(line.substring("Subject:".length()).strip()); // git format-patch
            } else if (line.startsWith("Rig-Mutant:")) {
                description.setLength(0);
                description.append(line.substring("Rig-Mutant:".length()).strip());
                inDescription = true;
            } else if (inDescription && line.startsWith(" ")) {
                description.append(' ').append(line.strip());
            } else if (line.startsWith("Rig-Expect:")) {
                inDescription = false;
                String[] words = line.substring("Rig-Expect:".length()).strip().split("\\s+");
                if (words.length != 2) {
                    throw new BadBuildException(patch + ": \"" + line + "\": write Rig-Expect: TEST SIGNATURE ("
                            + Detection.Sign.words() + ")");
                }
                expected.add(new Expectation(words[0], Detection.Sign.parse(words[1], patch)));
            } else {
                inDescription = false;
            }
        }
        return new Mutant(name, patch, description.length() == 0 ? "(says nothing of itself)" : description.toString(),
                List.copyOf(expected));
    }

    /** No Rig-Expect line: any failure catches it. */
    boolean blind() {
        return expected.isEmpty();
    }
}
