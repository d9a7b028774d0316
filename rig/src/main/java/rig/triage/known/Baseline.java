package rig.triage.known;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rig.triage.Signature;
import rig.triage.Status;
import rig.triage.UnreadableInputException;

/**
 * Known failures CI compares against: either a previous {@code rig triage --json} output, or a text
 * file with one signature title per line ('#' comments). Maps title -> kind id (null when unknown).
 */
public final class Baseline {
    private final Map<String, String> titles;

    private Baseline(Map<String, String> titles) {
        this.titles = titles;
    }

    public boolean contains(String title) {
        return titles.containsKey(title);
    }

    /** Titles and kind ids (null when the baseline is a plain title list). */
    public Map<String, String> entries() {
        return titles;
    }

    public static Baseline load(Path file) throws UnreadableInputException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadableInputException(file + ": cannot read the baseline (" + e + "); pass the output of"
                    + " 'rig triage --json' or a file with one signature title per line");
        }
        Map<String, String> m = new LinkedHashMap<>();
        if (text.stripLeading().startsWith("{")) {
            try {
                JsonNode sigs = new ObjectMapper().readTree(text).path("signatures");
                for (JsonNode s : sigs) {
                    if (!Status.FIXED.name().equals(s.path("status").asText())) {
                        m.put(s.path("title").asText(), kindId(s.path("kind")));
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UnreadableInputException(file + ": not valid JSON (" + e.getOriginalMessage()
                        + "); pass the output of 'rig triage --json' or a file with one title per line");
            }
        } else {
            for (String line : text.split("\n")) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    m.put(t, null);
                }
            }
        }
        return new Baseline(m);
    }

    private static String kindId(JsonNode k) {
        if (!k.isTextual()) {
            return null;
        }
        try {
            return rig.triage.Kind.fromId(k.asText()).id();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The text form: one title per line, the failures of {@code signatures} that are not expected. */
    public static String format(List<Signature> signatures) {
        StringBuilder b = new StringBuilder("# rig triage baseline: one signature title per line\n");
        for (Signature s : signatures) {
            if (s.status() == Status.NEW || s.status() == Status.KNOWN) {
                b.append(s.title()).append('\n');
            }
        }
        return b.toString();
    }
}
