package rig.tests.rig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rig.check.api.Fstest;
import rig.fstest.io.Io;
import rig.fstest.io.Mapping;
import rig.fstest.io.OpenFile;
import rig.sys.LibC;

/**
 * A partial direct write whose buffer is a partly overlapping mapping of the range being written
 * (the case the v4 partial-dio fix names): a 4 MiB file, mapped, has its [0, 2 MiB) written with
 * O_DIRECT to offset 1 MiB of itself. Each page of [1 MiB, 3 MiB) must then hold a whole source
 * page: the one it was copied from, or, where the source had already been overwritten, the page
 * that overwrote it; never zeros and never a mix. The rest of the file is unchanged, and the
 * write returns.
 */
@Fstest(id = "rig/312", groups = {"auto", "quick", "mmap", "dio"}, timeoutSeconds = 120, directWrites = true)
public class Rig312 extends MappedDirectWrite {
    static final long SIZE = 4L << 20;
    static final long MIB = 1L << 20;
    static final int PAGE = PartialDio.PAGE;
    static final int MAX_REPORTED = 8;

    @Override
    protected void test() throws Exception {
        Path dir = workDir();
        requireOdirect();
        Path file = dir.resolve("partial-dio-" + seq());
        onCleanup(() -> Files.deleteIfExists(file));

        echo("Silence is golden");
        PartialDio.writePages(file, SIZE);
        try (OpenFile in = OpenFile.open(file, LibC.O_RDONLY);
             Mapping map = Mapping.map(in, SIZE, LibC.PROT_READ, false);
             OpenFile out = OpenFile.open(file, LibC.O_WRONLY | LibC.O_DIRECT)) {
            map.touch(0);
            writing(true);
            var w = Io.pwriteAll(out, map.at(0), 2 * MIB, MIB, Integer.MAX_VALUE);
            writing(false);
            full().println("overlapping direct write: " + w.xfsIoLine());
            if (!w.complete()) {
                echo(w.errorLine());
            }
        }
        dropCaches();
        check(Files.readAllBytes(file));
    }

    /** Every page as the class comment says; the first few that are not, one line each. */
    private void check(byte[] data) {
        List<String> bad = new ArrayList<>();
        for (int page = 0; page < SIZE / PAGE; page++) {
            List<Byte> allowed = allowed(page);
            byte first = data[page * PAGE];
            boolean whole = true;
            for (int i = 1; i < PAGE && whole; i++) {
                whole = data[page * PAGE + i] == first;
            }
            if (!whole || !allowed.contains(first)) {
                bad.add(String.format("page %d (offset %d) holds %s, expected a whole page of %s", page, (long) page * PAGE,
                        whole ? String.format("0x%02x", first & 0xff) : "mixed bytes", hex(allowed)));
            }
        }
        bad.stream().limit(MAX_REPORTED).forEach(this::echo);
        if (bad.size() > MAX_REPORTED) {
            echo("... " + (bad.size() - MAX_REPORTED) + " more pages");
        }
    }

    /** The bytes page {@code page} may hold after the write. */
    static List<Byte> allowed(int page) {
        int first = (int) (MIB / PAGE);
        int last = (int) (3 * MIB / PAGE);
        if (page < first || page >= last) {
            return List.of(PartialDio.pageByte(page));
        }
        int from = page - first;
        List<Byte> ok = new ArrayList<>(List.of(PartialDio.pageByte(from)));
        if (from >= first) {
            ok.add(PartialDio.pageByte(from - first)); // the source page was itself overwritten first
        }
        return ok;
    }

    private static String hex(List<Byte> bytes) {
        return String.join(" or ", bytes.stream().map(b -> String.format("0x%02x", b & 0xff)).toList());
    }
}
