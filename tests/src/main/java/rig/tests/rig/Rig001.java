package rig.tests.rig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rig.check.api.Fstest;
import rig.check.api.NotRunException;
import rig.check.api.NumberedTest;
import rig.check.api.TestEnv;
import rig.devices.fs.FsCommands;
import rig.sys.Exec;

/**
 * Smoke test of the rig itself: format the scratch device with FSTYP, mount it, write a file,
 * remount, and read it back. The scratch helpers here are private and minimal; the test-writing
 * API of rig.fstest replaces them.
 */
@Fstest(id = "rig/001", groups = {"auto", "quick", "rig"})
public final class Rig001 implements NumberedTest {

    private static final int SIZE = 1 << 20;

    @Override
    public void run(TestEnv env) throws Exception {
        String dev = env.config("SCRATCH_DEV").orElseThrow(() -> new NotRunException("this test requires a valid $SCRATCH_DEV"));
        Path mnt = Path.of(env.config("SCRATCH_MNT").orElseThrow(() -> new NotRunException("this test requires $SCRATCH_MNT")));
        String fstyp = env.fstyp();
        if (!Exec.onPath("mkfs." + fstyp)) {
            throw new NotRunException("mkfs." + fstyp + " not found");
        }
        env.full().println(FsCommands.format(Duration.ofMinutes(2), fstyp, dev, env.config("MKFS_OPTIONS").orElse(null))
                .orThrow().output());

        byte[] pattern = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            pattern[i] = (byte) (i * 31 + 7);
        }
        Path file = mnt.resolve("rig001.dat");
        mount(env, fstyp, dev, mnt);
        try {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(pattern));
                ch.force(true);
            }
            env.out().println("wrote " + SIZE + " bytes");
        } finally {
            umount(mnt);
        }
        mount(env, fstyp, dev, mnt);
        try {
            byte[] back = Files.readAllBytes(file);
            env.out().println("after remount: read " + back.length + " bytes, "
                    + (Arrays.equals(back, pattern) ? "content matches" : "CONTENT DIFFERS"));
        } finally {
            umount(mnt);
        }
    }

    private static void mount(TestEnv env, String fstyp, String dev, Path mnt) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("mount", "-t", fstyp));
        env.config("MOUNT_OPTIONS").ifPresent(o -> cmd.addAll(List.of(o.split("\\s+"))));
        cmd.addAll(List.of(dev, mnt.toString()));
        Exec.run(Duration.ofSeconds(60), cmd).orThrow();
    }

    private static void umount(Path mnt) throws IOException {
        Exec.run(Duration.ofSeconds(60), "umount", mnt.toString()).orThrow();
    }
}
