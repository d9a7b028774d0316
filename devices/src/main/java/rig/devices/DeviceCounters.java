package rig.devices;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Java device's counters (requests and bytes by operation, errors by cause, rule matches, the
 * state of its gate and cache), read once from the device or its control socket. The wire form
 * between processes is {@link #text()}, one "name value" per line, parsed only by {@link #parse}.
 */
public record DeviceCounters(Map<String, Long> values) {

    /** The operations whose completed requests show that the device makes progress. */
    private static final List<String> REQUESTS = List.of("reads", "writes", "flushes", "discards");

    public DeviceCounters {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The wire form: "name value" lines; a line that is not one is an IllegalArgumentException naming it. */
    public static DeviceCounters parse(String text) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] kv = t.split("\\s+");
            if (kv.length != 2) {
                throw new IllegalArgumentException("device counter line \"" + t + "\" is not \"name value\"");
            }
            try {
                v.put(kv[0], Long.parseLong(kv[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device counter line \"" + t + "\" has no number", e);
            }
        }
        return new DeviceCounters(v);
    }

    /** The counter {@code name}; 0 when the device has none of that name. */
    public long get(String name) {
        return values.getOrDefault(name, 0L);
    }

    /** Requests the device completed: reads, writes, flushes and discards. */
    public long completedRequests() {
        return REQUESTS.stream().mapToLong(this::get).sum();
    }

    /** Requests answered EIO because of a bug of the rig, not an injected fault; -1 when the device does not count them. */
    public long rigErrors() {
        return values.getOrDefault("rig_errors", -1L);
    }

    /** The wire form, "name value\n" per counter. */
    public String text() {
        StringBuilder b = new StringBuilder();
        values.forEach((k, n) -> b.append(k).append(' ').append(n).append('\n'));
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
