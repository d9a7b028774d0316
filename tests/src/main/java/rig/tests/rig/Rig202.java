package rig.tests.rig;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.checkers.gaps.ExpectationLog;
import rig.checkers.gaps.GapReport;
import rig.checkers.gaps.GapVerifier;
import rig.checkers.gaps.Pattern;
import rig.devices.fs.FsCommands;
import rig.sys.Exec;
import rig.sys.LibC;

/**
 * Positive control of the gap verifier: write 4 MiB with O_DIRECT (recorded in the expectation
 * log), punch a hole over [1 MiB, 2 MiB) behind the log's back, remount, verify. The verifier
 * must name exactly that range as a zero-filled gap with a hole in FIEMAP; the transcript holds
 * its report, so the golden output is the assertion.
 */
@Fstest(id = "rig/202", groups = {"selftest", "checkers"})
public final class Rig202 implements NumberedTest {

    private static final Duration T = Duration.ofSeconds(120);
    private static final int PUNCH_HOLE_KEEP_SIZE = 0x02 | 0x01;

    @Override
    public void run(TestEnv env) throws Exception {
        String dev = env.config("SCRATCH_DEV").orElseThrow(() -> new NotRunException("this test requires a valid $SCRATCH_DEV"));
        String mnt = env.config("SCRATCH_MNT").orElseThrow(() -> new NotRunException("this test requires $SCRATCH_MNT"));
        String fstyp = env.fstyp();
        env.full().println(FsCommands.format(T, fstyp, dev, null).orThrow().output());
        Exec.run(T, "mount", dev, mnt).orThrow();
        try {
            ExpectationLog log = ExpectationLog.create(env.seqres());
            Path dst = Path.of(mnt, "dst");
            write(log, dst, 4 << 20, Pattern.seeded(202));
            punchHole(dst, 1 << 20, 1 << 20);
            env.out().println("wrote 4 MiB, punched [1048576, 2097152) behind the expectation log's back");
            Exec.run(T, "umount", mnt).orThrow();
            Exec.run(T, "mount", dev, mnt).orThrow();
            GapReport report = GapVerifier.create().verify(log);
            report.write(env.seqres());
            report.lines().forEach(env.out()::println);
        } finally {
            Exec.run(T, "umount", mnt);
        }
    }

    private static void write(ExpectationLog log, Path file, int len, Pattern p) throws Exception {
        int fd = LibC.INSTANCE.open(file.toString(), LibC.O_WRONLY | LibC.O_CREAT | LibC.O_DIRECT, 0644);
        if (fd < 0) {
            throw new NotRunException("O_DIRECT open of " + file + " failed: " + LibC.describe(LibC.errno()));
        }
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(len + 4096).alignedSlice(4096);
            buf.limit(len);
            p.fill(buf, 0);
            long n = LibC.INSTANCE.pwrite(fd, buf, len, 0);
            log.record(file, 0, len, p, n < 0 ? -LibC.errno() : n);
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    private static void punchHole(Path file, long off, long len) throws Exception {
        int fd = LibC.INSTANCE.open(file.toString(), LibC.O_RDWR, 0);
        try {
            if (LibC.INSTANCE.fallocate(fd, PUNCH_HOLE_KEEP_SIZE, off, len) != 0) {
                throw new NotRunException("punch hole not supported: " + LibC.describe(LibC.errno()));
            }
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }
}
