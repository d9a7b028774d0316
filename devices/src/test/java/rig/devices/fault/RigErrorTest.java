package rig.devices.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rig.sys.Errno;

/** A bug of the engine (an exception while serving) is answered EIO, but journaled and counted as the rig's error. */
class RigErrorTest {
    @TempDir
    Path dir;

    /** A backing file whose writes throw: stands for any bug on the serving path. */
    static final class BrokenBacking extends ForwardingBacking {
        BrokenBacking(Backing real) {
            super(real);
        }

        @Override
        int write(long offset, ByteBuffer buf) {
            throw new IllegalStateException("a bug on the write path");
        }
    }

    @Test
    void anEngineBugIsNotAnInjectedFault() throws IOException {
        Backing real = Backing.open(dir.resolve("disk.img"), 64 * 512);
        try (Engine e = new Engine(new BrokenBacking(real), Journal.DEFAULT_CAPACITY)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
            assertEquals(Errno.EIO, e.write(0, buf, false), "the kernel still gets an error");
            assertTrue(e.counters().text().contains("rig_errors 1\n"), e.counters().text());
            assertTrue(e.counters().text().contains("write_errors 1\n"), e.counters().text());
            assertTrue(String.join("\n", e.journalTail(1)).contains("rig-error"), e.journalTail(1).toString());
            e.loadTable("0 - error write\n");
            assertEquals(Errno.EIO, e.write(0, ByteBuffer.allocateDirect(4096), false));
            assertTrue(e.counters().text().contains("rig_errors 1\n"), "an injected error is not the rig's: " + e.counters().text());
        }
    }
}
