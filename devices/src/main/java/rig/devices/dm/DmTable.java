package rig.devices.dm;

import java.util.ArrayList;
import java.util.List;

/**
 * A device-mapper table in dmsetup's text form, one target line per range (sectors of 512
 * bytes), built from the targets the rig uses: linear, error, flakey, delay, dust.
 */
public final class DmTable {

    private final List<String> lines;

    private DmTable(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 0 <sectors> linear <dev> 0}: the whole device, passed through. */
    public static DmTable linear(String device, long sectors) {
        return builder().linear(0, sectors, device, 0).build();
    }

    /** {@code 0 <sectors> error}: every request fails with EIO. */
    public static DmTable error(long sectors) {
        return builder().error(0, sectors).build();
    }

    public List<String> lines() {
        return lines;
    }

    /** The table text, one line per target, each ending in a newline. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** The target names the table uses, for checking them against {@link DmSupport}. */
    public List<String> targets() {
        return lines.stream().map(l -> l.split(" ")[2]).distinct().toList();
    }

    @Override
    public String toString() {
        return text();
    }

    /** Adds target lines; ranges are checked to be positive, the caller orders them. */
    public static final class Builder {
        private final List<String> lines = new ArrayList<>();

        private Builder add(long start, long length, String target, String args) {
            if (start < 0 || length <= 0) {
                throw new IllegalArgumentException("dm range " + start + "+" + length
                        + " is empty or negative; give a start >= 0 and a length > 0 in sectors");
            }
            lines.add(start + " " + length + " " + target + (args.isEmpty() ? "" : " " + args));
            return this;
        }

        public Builder linear(long start, long length, String device, long deviceOffset) {
            return add(start, length, "linear", device + " " + deviceOffset);
        }

        public Builder error(long start, long length) {
            return add(start, length, "error", "");
        }

        /**
         * dm-flakey: up for {@code upSeconds}, then down for {@code downSeconds}; features such
         * as {@code drop_writes} or {@code error_writes} say what happens while down (default:
         * every request fails).
         */
        public Builder flakey(long start, long length, String device, long deviceOffset, int upSeconds,
                              int downSeconds, String... features) {
            String args = device + " " + deviceOffset + " " + upSeconds + " " + downSeconds;
            if (features.length > 0) {
                args += " " + features.length + " " + String.join(" ", features);
            }
            return add(start, length, "flakey", args);
        }

        /** dm-delay: reads and writes delayed by {@code readMillis} / {@code writeMillis}. */
        public Builder delay(long start, long length, String device, long deviceOffset, int readMillis,
                             int writeMillis) {
            String args = device + " " + deviceOffset + " " + readMillis;
            if (writeMillis != readMillis) {
                args += " " + device + " " + deviceOffset + " " + writeMillis;
            }
            return add(start, length, "delay", args);
        }

        /**
         * dm-dust: reads of blocks added as bad (message {@code addbadblock N}) fail once
         * enabled (message {@code enable}); {@code blockBytes} is its block size.
         */
        public Builder dust(long start, long length, String device, long deviceOffset, int blockBytes) {
            return add(start, length, "dust", device + " " + deviceOffset + " " + blockBytes);
        }

        public DmTable build() {
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a dm table needs at least one target line");
            }
            return new DmTable(lines);
        }
    }
}
