package rig.fstest.fs;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rig.sys.Exec;

/**
 * btrfs' chunk map of a single-device filesystem, read with {@code btrfs inspect-internal
 * dump-tree -t chunk}: which device range holds each logical range (FIEMAP gives btrfs' logical
 * addresses, not device offsets). Read after a sync, so that chunks allocated since the mount are
 * on the disk.
 */
public final class BtrfsChunks {
    private static final Pattern ITEM = Pattern.compile("key \\(FIRST_CHUNK_TREE CHUNK_ITEM (\\d+)\\)");
    private static final Pattern LENGTH = Pattern.compile("^\\s*length (\\d+) owner \\d+ stripe_len \\d+ type (\\S+)");
    private static final Pattern STRIPE = Pattern.compile("^\\s*stripe (\\d+) devid (\\d+) offset (\\d+)");

    /** One copy of a chunk: on device {@code devid}, from device offset {@code offset}. */
    public record Stripe(int devid, long offset) {
    }

    /**
     * A chunk: logical [logical, logical + length) stored from device offset {@code physical} (its
     * first stripe); type "DATA|single", "DATA|RAID1"; {@code stripes} every copy (two for RAID1 and DUP).
     */
    public record Chunk(long logical, long length, long physical, String type, List<Stripe> stripes) {
        public boolean contains(long logicalAddress) {
            return logicalAddress >= logical && logicalAddress < logical + length;
        }

        /** The device offset of a logical address in this chunk (its first stripe). */
        public long physicalOf(long logicalAddress) {
            return physical + (logicalAddress - logical);
        }

        /** The device offset of a logical address in copy {@code stripe} of this chunk (RAID1, DUP: 0 and 1). */
        public long physicalOf(long logicalAddress, int stripe) {
            return stripes.get(stripe).offset() + (logicalAddress - logical);
        }
    }

    private final List<Chunk> chunks;

    private BtrfsChunks(List<Chunk> chunks) {
        this.chunks = List.copyOf(chunks);
    }

    /** Reads the chunk tree of {@code device}. */
    public static BtrfsChunks of(String device) throws IOException {
        Exec.Result r = Exec.run(Duration.ofMinutes(1), "btrfs", "inspect-internal", "dump-tree", "-t", "chunk", device)
                .orThrow();
        return parse(r.stdout());
    }

    static BtrfsChunks parse(String dump) {
        List<Chunk> out = new ArrayList<>();
        Long logical = null;
        Long length = null;
        String type = null;
        List<Stripe> stripes = new ArrayList<>();
        for (String line : (dump + "\n").split("\n", -1)) {
            Matcher item = ITEM.matcher(line);
            Matcher len = LENGTH.matcher(line);
            Matcher stripe = STRIPE.matcher(line);
            if (item.find() || line.isBlank()) {
                if (logical != null && length != null && !stripes.isEmpty()) {
                    out.add(new Chunk(logical, length, stripes.get(0).offset(), type, List.copyOf(stripes)));
                }
                logical = item.find(0) ? Long.parseLong(item.group(1)) : null;
                length = null;
                stripes.clear();
            } else if (logical != null && len.find()) {
                length = Long.parseLong(len.group(1));
                type = len.group(2);
            } else if (logical != null && length != null && stripe.find()) {
                stripes.add(new Stripe(Integer.parseInt(stripe.group(2)), Long.parseLong(stripe.group(3))));
            }
        }
        return new BtrfsChunks(out);
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    /** The chunk holding logical address {@code logicalAddress}. */
    public Optional<Chunk> at(long logicalAddress) {
        return chunks.stream().filter(c -> c.contains(logicalAddress)).findFirst();
    }
}
