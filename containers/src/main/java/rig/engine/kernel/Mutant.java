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
 * ({@link Detection.Sign}: gaps, hung, mismatch, kmsg).
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
            if (line.startsWith("Rig-Mutant:")) {
                description.append(line.substring("Rig-Mutant:".length()).strip());
                inDescription = true;
            } else if (inDescription && line.startsWith(" ")) {
                description.append(' ').append(line.strip());
            } else if (line.startsWith("Rig-Expect:")) {
                inDescription = false;
                String[] words = line.substring("Rig-Expect:".length()).strip().split("\\s+");
                if (words.length != 2) {
                    throw new BadBuildException(patch + ": \"" + line + "\": write Rig-Expect: TEST SIGNATURE (gaps, hung, mismatch, kmsg)");
                }
                expected.add(new Expectation(words[0], Detection.Sign.parse(words[1], patch)));
            } else {
                inDescription = false;
            }
        }
        if (expected.isEmpty()) {
            throw new BadBuildException(patch + " has no Rig-Expect: TEST SIGNATURE line: say which test must catch it");
        }
        return new Mutant(name, patch, description.toString(), List.copyOf(expected));
    }
}
