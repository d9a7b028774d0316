package rig.checkers.fsck;

import rig.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import rig.check.api.CheckContext;
import rig.check.api.Checker;

/**
 * After each test, a read-only fsck of the TEST and SCRATCH filesystems it used (TEST_DEV, and
 * SCRATCH_DEV when the test left the {@link rig.check.api.CheckFlags#REQUIRE_SCRATCH} file, as fstests does; type from blkid, else FSTYP): corruption or a timeout fails the test and the
 * output is saved as NNN.fsck (also listing skipped devices). A mounted device is skipped and noted, never unmounted here:
 * fstests' TEST_DEV stays mounted between tests, and unmounting it belongs to the runner (which
 * should unmount it and call {@link Fsck#check} at the end of the run, as fstests checks it).
 * RIG_FSCK_TIMEOUT (seconds, default 300) bounds each check; RIG_FSCK=no turns the checker off.
 */
public final class FsckChecker implements Checker {

    public static final String SUFFIX = ".fsck";

    @Override
    public String name() {
        return "fsck";
    }

    @Override
    public void start(CheckContext ctx) {
    }

    @Override
    public List<String> finish(CheckContext ctx) throws IOException {
        if (!Setting.RIG_FSCK.on(ctx.config())) {
            return List.of();
        }
        Duration timeout = Duration.ofSeconds(Setting.RIG_FSCK_TIMEOUT.number(ctx.config()));
        String fstype = ctx.config().get("FSTYP");
        List<String> findings = new ArrayList<>();
        List<String> text = new ArrayList<>();
        Path scratchFlag = ctx.seqres().resolveSibling(rig.check.api.CheckFlags.REQUIRE_SCRATCH);
        boolean scratchUsed = Files.exists(scratchFlag);
        Files.deleteIfExists(scratchFlag);
        for (String var : List.of("TEST_DEV", "SCRATCH_DEV")) {
            String dev = ctx.config().get(var);
            if (dev == null || dev.isBlank()) {
                continue;
            }
            if (var.equals("SCRATCH_DEV") && !scratchUsed) {
                text.add(var + ": skipped " + dev.trim() + ": the test did not require the scratch device");
                continue;
            }
            Fsck.Result r = Fsck.check(dev.trim(), fstype, timeout);
            text.add(var + ": " + r.summary());
            if (r.ran()) {
                r.output().lines().forEach(l -> text.add("    " + l));
            }
            if (!r.ok()) {
                findings.add("fsck of " + var + " " + r.summary() + " (see " + ctx.seqres().getFileName() + SUFFIX + ")");
            }
        }
        if (!text.isEmpty()) {
            Path f = Path.of(ctx.seqres() + SUFFIX);
            if (f.getParent() != null) {
                Files.createDirectories(f.getParent());
            }
            Files.write(f, text);
        }
        return findings;
    }
}
