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
    private static final Pattern STRIPE = Pattern.compile("^\\s*stripe 0 devid \\d+ offset (\\d+)");

    /** A chunk: logical [logical, logical + length) stored from device offset {@code physical}; type "DATA|single". */
    public record Chunk(long logical, long length, long physical, String type) {
        public boolean contains(long logicalAddress) {
            return logicalAddress >= logical && logicalAddress < logical + length;
        }

        /** The device offset of a logical address in this chunk (its first stripe). */
        public long physicalOf(long logicalAddress) {
            return physical + (logicalAddress - logical);
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
        for (String line : dump.split("\n")) {
            Matcher item = ITEM.matcher(line);
            Matcher len = LENGTH.matcher(line);
            Matcher stripe = STRIPE.matcher(line);
            if (item.find()) {
                logical = Long.parseLong(item.group(1));
                length = null;
            } else if (logical != null && len.find()) {
                length = Long.parseLong(len.group(1));
                type = len.group(2);
            } else if (logical != null && length != null && stripe.find()) {
                out.add(new Chunk(logical, length, Long.parseLong(stripe.group(1)), type));
                logical = null;
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
