package rig.checkers.gaps;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * What a range of a file (or a device) should contain, as a function of the byte's offset, so
 * that a verifier can regenerate the expected bytes anywhere: a constant fill byte, a seeded
 * pseudo-random stream, or only a SHA-256 of the written bytes (which can say "differs" but not
 * where). Tests write with {@link #fill} and record the same pattern in the {@link ExpectationLog}.
 */
public sealed interface Pattern permits Pattern.Fill, Pattern.Seeded, Pattern.Checksum {

    /** Every byte {@code value}, as xfs_io's pwrite -S. */
    static Pattern fill(int value) {
        return new Fill((byte) value);
    }

    /** A reproducible stream: the byte at offset o depends only on (seed, o). */
    static Pattern seeded(long seed) {
        return new Seeded(seed);
    }

    /** Only a checksum of the bytes written at the record's offset (arbitrary data). */
    static Pattern sha256(byte[] digest) {
        return new Checksum(HexFormat.of().formatHex(digest));
    }

    /** Parses {@link #spec()}: "fill:0xab", "seeded:42", "sha256:...". */
    static Pattern parse(String spec) {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? "" : spec.substring(colon + 1);
        return switch (kind) {
            case "fill" -> fill(Integer.decode(arg));
            case "seeded" -> seeded(Long.parseLong(arg));
            case "sha256" -> new Checksum(arg);
            default -> throw new IllegalArgumentException("unknown pattern '" + spec
                    + "': use fill:0xNN, seeded:SEED or sha256:HEX");
        };
    }

    /** False for a checksum: the bytes cannot be regenerated. */
    boolean generates();

    /** The expected byte at {@code offset}. */
    byte at(long offset);

    /** Fills dst from its position to its limit with the bytes for [offset, offset + remaining). */
    default void fill(ByteBuffer dst, long offset) {
        for (int i = dst.position(); i < dst.limit(); i++) {
            dst.put(i, at(offset + i - dst.position()));
        }
    }

    String spec();

    record Fill(byte value) implements Pattern {
        public boolean generates() {
            return true;
        }

        public byte at(long offset) {
            return value;
        }

        /** One value: filled without a call per byte (the verifier fills 40 MiB for generic/250). */
        @Override
        public void fill(ByteBuffer dst, long offset) {
            if (dst.hasArray()) {
                java.util.Arrays.fill(dst.array(), dst.arrayOffset() + dst.position(), dst.arrayOffset() + dst.limit(), value);
            } else {
                Pattern.super.fill(dst, offset);
            }
        }

        public String spec() {
            return String.format("fill:0x%02x", value & 0xff);
        }
    }

    record Seeded(long seed) implements Pattern {
        public boolean generates() {
            return true;
        }

        public byte at(long offset) {
            return (byte) (mix(seed ^ (offset >>> 3)) >>> ((offset & 7) * 8));
        }

        @Override
        public void fill(ByteBuffer dst, long offset) {
            long word = mix(seed ^ (offset >>> 3));
            for (int i = dst.position(); i < dst.limit(); i++) {
                long o = offset + i - dst.position();
                if ((o & 7) == 0) {
                    word = mix(seed ^ (o >>> 3));
                }
                dst.put(i, (byte) (word >>> ((o & 7) * 8)));
            }
        }

        public String spec() {
            return "seeded:" + seed;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }

    record Checksum(String sha256Hex) implements Pattern {
        public boolean generates() {
            return false;
        }

        public byte at(long offset) {
            throw new UnsupportedOperationException("a checksum pattern cannot regenerate its bytes");
        }

        public String spec() {
            return "sha256:" + sha256Hex;
        }
    }
}
