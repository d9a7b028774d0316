package rig.tests.rig;

import java.nio.file.Path;
import rig.fstest.FstestBase;

/**
 * What the partial direct-write tests (rig/310-312) share with their broken variants (rig/313,
 * 314): where the files go, TEST_DIR, or for a broken variant the scratch filesystem under
 * flakey, whose drop-writes mode acknowledges the direct write and loses it. There btrfs mounts
 * with nodatasum, so that lost data reads back as what the device held rather than as checksum
 * errors, and the direct writes stay direct.
 */
abstract class MappedDirectWrite extends FstestBase {

    /** True for a broken variant: the device lies about the direct write. */
    boolean onALyingDevice() {
        return false;
    }

    /** The directory the test's files go to. */
    final Path workDir() throws Exception {
        if (!onALyingDevice()) {
            requireTest();
            return testDir();
        }
        requireScratch();
        requireDmTarget("flakey");
        scratch().mkfs();
        flakey().init();
        flakey().mount(fstyp().equals("btrfs") ? "-o nodatasum" : "");
        return scratchMnt();
    }

    /**
     * Called as the direct write starts and after it ends: a lying device drops what comes between,
     * and what the write left in the page cache (btrfs serves a write that faults at its first
     * byte as buffered) is flushed before the device stops lying.
     */
    final void writing(boolean started) throws Exception {
        if (onALyingDevice() && started) {
            flakey().dropWrites();
        } else if (onALyingDevice()) {
            scratchSync();
            flakey().allowWrites();
        }
    }
}
