package rig.tests.rig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import rig.fstest.io.DioBufFault;
import rig.fstest.io.FileCompare;

/**
 * Partial direct writes from a mapping (the mechanism of btrfs' "fix corruption caused by partial
 * dio writes"): a source file whose every page holds its own nonzero byte, mapped privately, is
 * direct-written to a second file with some of its pages faulted in beforehand. The copy must be
 * identical to the source (no zero-filled page, no page from elsewhere), and the write must
 * return (the ordered-extent ledger and the blocked-task sampler report a hang).
 */
abstract class PartialDio extends MappedDirectWrite {
    static final long SIZE = 8L << 20;
    static final int PAGE = 4096;

    /** Which source pages are faulted in before the write. */
    abstract DioBufFault.Touch touch();

    @Override
    protected void test() throws Exception {
        Path dir = workDir();
        requireOdirect();
        Path src = dir.resolve("partial-dio-" + seq() + ".src");
        Path dst = dir.resolve("partial-dio-" + seq() + ".dst");
        onCleanup(() -> {
            Files.deleteIfExists(src);
            Files.deleteIfExists(dst);
        });

        echo("Silence is golden");
        writePages(src, SIZE);
        writing(true);
        var copy = DioBufFault.run(src, dst, out(), (o, l, t) -> { }, touch());
        writing(false);
        full().println("direct copy (" + touch() + "): " + copy.writes().xfsIoLine() + ", exit status " + copy.exitStatus());
        if (copy.exitStatus() != 0) {
            throw fail("failed doing the dio copy");
        }
        dropCaches();
        FileCompare.Result diff = FileCompare.compare(src, dst);
        if (!diff.identical()) {
            echo("dst differs from src: " + diff.summary());
        }
    }

    /** Page i of the file holds byte (i % 251) + 1 throughout: nonzero, and neighbouring pages differ. */
    static void writePages(Path file, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long off = 0; off < size; off += buf.capacity()) {
                buf.clear();
                for (int i = 0; i < buf.capacity(); i++) {
                    buf.put(i, pageByte((off + i) / PAGE));
                }
                while (buf.hasRemaining()) {
                    ch.write(buf, off + buf.position());
                }
            }
            ch.force(true);
        }
    }

    static byte pageByte(long page) {
        return (byte) (page % 251 + 1);
    }
}
