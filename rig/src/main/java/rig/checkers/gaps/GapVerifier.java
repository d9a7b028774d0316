package rig.checkers.gaps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rig.checkers.gaps.ExpectedContent.Segment;
import rig.checkers.gaps.GapFinding.Kind;
import rig.sys.Fiemap;

/**
 * Reads back what an {@link ExpectationLog} says the files must hold and reports every exact
 * byte range that came back as zeros, as stale device content, as other wrong data, or not at
 * all (file too short), each with the FIEMAP state of the range. Call it after the test's
 * remount; it drops the page cache first (unless told not to) so the bytes come from the device.
 */
public final class GapVerifier {

    private static final int CHUNK = 1 << 20;
    private static final int BLOCK = 4096;
    private boolean dropCaches = true;

    public static GapVerifier create() {
        return new GapVerifier();
    }

    /** Skips writing 3 to /proc/sys/vm/drop_caches (e.g. when the caller just remounted and dropped). */
    public GapVerifier dropCaches(boolean drop) {
        this.dropCaches = drop;
        return this;
    }

    public GapReport verify(ExpectationLog log) throws IOException {
        if (dropCaches) {
            dropPageCache();
        }
        Pattern stale = log.staleDevicePattern().orElse(null);
        List<GapFinding> findings = new ArrayList<>();
        long bytes = 0;
        Map<String, List<Segment>> files = ExpectedContent.of(log.writes()).files();
        for (var e : files.entrySet()) {
            Path file = Path.of(e.getKey());
            FileCheck check = new FileCheck(file, stale);
            for (Segment s : e.getValue()) {
                check.segment(s);
                bytes += s.end() - s.start();
            }
            findings.addAll(check.findings());
        }
        return new GapReport(findings, files.size(), bytes);
    }

    /** echo 3 > /proc/sys/vm/drop_caches: clean page cache, dentries and inodes. */
    public static void dropPageCache() throws IOException {
        rig.sys.PageCache.drop();
    }

    /** Verifies one file, segment by segment, coalescing adjacent findings of one kind. */
    private static final class FileCheck {
        private final Path file;
        private final Pattern stale;
        private final List<GapFinding> findings = new ArrayList<>();
        private List<Fiemap.Extent> extents;
        private String fiemapError;
        private long size = -1;
        private Kind runKind;
        private long runStart, runEnd;
        private long zeroStreak = -1, staleStreak = -1;
        private Segment runSeg;

        FileCheck(Path file, Pattern stale) {
            this.file = file;
            this.stale = stale;
        }

        void segment(Segment s) throws IOException {
            if (size < 0) {
                try {
                    size = Files.size(file);
                } catch (NoSuchFileException e) {
                    size = 0;
                }
                extents = List.of();
                if (size > 0) {
                    try {
                        extents = Fiemap.of(file);
                    } catch (IOException e) {
                        fiemapError = e.getMessage();
                    }
                }
            }
            if (s.known() && !s.pattern().generates()) {
                checksum(s);
                return;
            }
            if (!s.known() && stale == null) {
                return;
            }
            try (FileChannel ch = size > 0 ? FileChannel.open(file, StandardOpenOption.READ) : null) {
                ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                ByteBuffer want = ByteBuffer.allocate(CHUNK);
                for (long pos = s.start(); pos < s.end(); pos += CHUNK) {
                    int n = (int) Math.min(CHUNK, s.end() - pos);
                    int got;
                    try {
                        got = read(ch, buf, pos, n);
                    } catch (IOException e) {
                        blockByBlock(ch, buf, s, pos, n);
                        continue;
                    }
                    if (got == n && runKind == null && s.known() && matches(s.pattern(), buf, want, pos, n)) {
                        skipMatching(buf, pos, n);
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        classify(s, pos + i, i < got ? buf.get(i) : null);
                    }
                }
            }
            flush();
        }

        /**
         * A chunk whose read failed (a checksum error, a device error): read again one block at a
         * time, so that the blocks that cannot be read are one exact finding and the others are
         * checked as usual.
         */
        private void blockByBlock(FileChannel ch, ByteBuffer buf, Segment s, long pos, int n) {
            for (long b = pos; b < pos + n; b += BLOCK) {
                int len = (int) Math.min(BLOCK, pos + n - b);
                try {
                    int got = read(ch, buf, b, len);
                    for (int i = 0; i < len; i++) {
                        classify(s, b + i, i < got ? buf.get(i) : null);
                    }
                } catch (IOException e) {
                    flush();
                    add(Kind.UNREADABLE, b, b + len, s);
                }
            }
        }

        /** Fast path: the chunk is exactly what the pattern says. */
        private static boolean matches(Pattern p, ByteBuffer buf, ByteBuffer want, long pos, int n) {
            want.clear().limit(n);
            p.fill(want, pos);
            return java.util.Arrays.equals(buf.array(), 0, n, want.array(), 0, n);
        }

        /**
         * A matching chunk ends no run; only the streaks of zero and old-content bytes at its end
         * matter, in case a gap starts right after it.
         */
        private void skipMatching(ByteBuffer buf, long pos, int n) {
            int z = n;
            while (z > 0 && buf.get(z - 1) == 0) {
                z--;
            }
            zeroStreak = z == n ? -1 : z == 0 && zeroStreak >= 0 ? zeroStreak : pos + z;
            if (stale == null) {
                return;
            }
            int o = n;
            while (o > 0 && buf.get(o - 1) == stale.at(stale instanceof Pattern.Fill ? pos + o - 1 : physical(pos + o - 1))) {
                o--;
            }
            staleStreak = o == n ? -1 : o == 0 && staleStreak >= 0 ? staleStreak : pos + o;
        }

        private int read(FileChannel ch, ByteBuffer buf, long pos, int n) throws IOException {
            if (ch == null || pos >= size) {
                return 0;
            }
            buf.clear().limit(n);
            int total = 0;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, pos + total);
                if (r <= 0) {
                    break;
                }
                total += r;
            }
            return total;
        }

        /**
         * A byte that matches its expected value but would also fit the current run (a zero
         * inside a zero-filled run, an old-content byte inside a stale run) neither ends the run
         * nor is counted against it: random data legitimately contains such bytes. A run starts
         * at the beginning of the streak of such bytes that precedes its first mismatch.
         */
        private void classify(Segment s, long off, Byte actual) {
            boolean zero = actual != null && actual == 0;
            boolean old = actual != null && stale != null
                    && actual == stale.at(stale instanceof Pattern.Fill ? off : physical(off));
            if (!zero) {
                zeroStreak = -1;
            } else if (zeroStreak < 0) {
                zeroStreak = off;
            }
            if (!old) {
                staleStreak = -1;
            } else if (staleStreak < 0) {
                staleStreak = off;
            }
            Kind kind;
            boolean matches = actual != null && s.known() && s.pattern().at(off) == actual;
            if (actual == null) {
                kind = s.known() ? Kind.MISSING : null;
            } else if (old && !matches) {
                kind = Kind.STALE;
            } else if (!s.known() || matches) {
                kind = null;
            } else {
                kind = zero ? Kind.ZERO : Kind.WRONG;
            }
            if (kind == null && runKind != null && runSeg == s && off == runEnd
                    && ((runKind == Kind.ZERO && zero) || (runKind == Kind.STALE && old))) {
                runEnd = off + 1;
                return;
            }
            extend(kind, s, off);
        }

        private void extend(Kind kind, Segment s, long off) {
            if (kind == runKind && runSeg == s && off == runEnd && kind != null) {
                runEnd = off + 1;
                return;
            }
            flush();
            if (kind != null) {
                runKind = kind;
                runSeg = s;
                long streak = kind == Kind.ZERO ? zeroStreak : kind == Kind.STALE ? staleStreak : -1;
                runStart = streak >= s.start() && streak >= 0 ? streak : off;
                runEnd = off + 1;
            }
        }

        private void flush() {
            if (runKind != null) {
                add(runKind, runStart, runEnd, runSeg);
                runKind = null;
                runSeg = null;
            }
        }

        private void add(Kind kind, long start, long end, Segment s) {
            GapFinding last = findings.isEmpty() ? null : findings.get(findings.size() - 1);
            String cause = cause(s);
            if (last != null && last.kind() == kind && last.end() == start && last.cause().equals(cause)) {
                findings.set(findings.size() - 1, new GapFinding(kind, last.file(), last.start(), end,
                        fiemap(last.start(), end), cause));
            } else {
                findings.add(new GapFinding(kind, file.toString(), start, end, fiemap(start, end), cause));
            }
        }

        private String fiemap(long start, long end) {
            return fiemapError != null ? "unknown (" + fiemapError + ")" : Fiemap.describe(extents, start, end);
        }

        private static String cause(Segment s) {
            WriteRecord w = s.source();
            String what = s.known() ? "owed by write #" + s.index() : "after failed/short write #" + s.index();
            return what + " [" + w.offset() + ", " + w.end() + ") " + w.pattern() + " that returned "
                    + (w.failed() ? "-" + rig.sys.Errno.name((int) -w.result()) : Long.toString(w.result()));
        }

        /** The device offset of a file byte when FIEMAP maps it, else the file offset. */
        private long physical(long off) {
            for (Fiemap.Extent e : extents) {
                if (off >= e.logical() && off < e.end() && !e.unwritten()) {
                    return e.physical() + (off - e.logical());
                }
            }
            return off;
        }

        /** Checksum-only data: say where it came back as zeros if it did, else that it differs. */
        private void checksum(Segment s) throws IOException {
            long n = s.end() - s.start();
            byte[] data = new byte[(int) Math.min(n, Integer.MAX_VALUE - 8)];
            int got = 0;
            if (size > s.start()) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    ByteBuffer buf = ByteBuffer.wrap(data);
                    while (buf.hasRemaining() && ch.read(buf, s.start() + buf.position()) > 0) {
                        got = buf.position();
                    }
                    got = buf.position();
                }
            }
            if (got == data.length && sha256(data).equals(((Pattern.Checksum) s.pattern()).sha256Hex())) {
                return;
            }
            if (got < data.length) {
                add(Kind.MISSING, s.start() + got, s.end(), s);
            }
            boolean zeros = got > 0;
            for (int i = 0; i < got && zeros; i++) {
                zeros = data[i] == 0;
            }
            if (got > 0) {
                add(zeros ? Kind.ZERO : Kind.WRONG, s.start(), s.start() + got, s);
            }
        }

        static String sha256(byte[] data) {
            try {
                return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }

        List<GapFinding> findings() {
            flush();
            return findings;
        }
    }
}
