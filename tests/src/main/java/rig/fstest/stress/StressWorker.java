package rig.fstest.stress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import rig.fstest.io.OpenFile;
import rig.fstest.io.Transfer;
import rig.sys.Errno;
import rig.sys.LibC;

/**
 * One worker of the stress workload: its own files, its own random sequence and an exact model
 * of what each of its files must hold. Every call's result goes to the op log; a call that fails
 * unexpectedly, or a read that disagrees with the model, is a finding, and ends the worker.
 */
final class StressWorker implements Runnable {
    static final int MAX_IO = 64 * 1024;
    private static final int PAGE = 4096;

    private final int thread;
    private final Workload workload;
    private final Path dir;
    private final Consumer<String> opLog;
    private final boolean misinformed;
    private final SplittableRandom random;
    private final List<FileModel> models = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final Map<StressOp, Integer> done = new EnumMap<>(StressOp.class);
    private final byte[] data = new byte[MAX_IO];
    private int shortWritevs;
    private int unsupported;

    StressWorker(int thread, Workload workload, Path dir, Consumer<String> opLog, boolean misinformed) {
        this.thread = thread;
        this.workload = workload;
        this.dir = dir;
        this.opLog = opLog;
        this.misinformed = misinformed;
        this.random = new SplittableRandom(workload.seed() * 0x9E3779B97F4A7C15L + thread);
        for (int f = 0; f < workload.filesPerThread(); f++) {
            models.add(new FileModel(workload.maxFileSize()));
        }
    }

    Path file(int f) {
        return dir.resolve("t" + thread + ".f" + f);
    }

    List<FileModel> models() {
        return models;
    }

    List<String> findings() {
        return findings;
    }

    Map<StressOp, Integer> done() {
        return done;
    }

    int shortWritevs() {
        return shortWritevs;
    }

    int unsupported() {
        return unsupported;
    }

    @Override
    public void run() {
        List<OpenFile> buffered = new ArrayList<>();
        List<OpenFile> direct = new ArrayList<>();
        ByteBuffer buffer = LibC.allocateAligned(MAX_IO);
        try (GuardedBuffer guarded = GuardedBuffer.allocate(MAX_IO)) {
            for (int f = 0; f < workload.filesPerThread(); f++) {
                buffered.add(OpenFile.open(file(f), LibC.O_RDWR | LibC.O_CREAT | LibC.O_TRUNC));
                direct.add(OpenFile.open(file(f), LibC.O_RDWR | LibC.O_DIRECT));
            }
            var files = new Files(buffered, direct, buffer, guarded);
            for (int n = 0; n < workload.opsPerThread() && findings.isEmpty(); n++) {
                StressOp op = StressOp.pick(random.nextInt(StressOp.total()));
                int f = random.nextInt(workload.filesPerThread());
                String result = step(n, op, f, files);
                done.merge(op, 1, Integer::sum);
                opLog.accept("t" + thread + " #" + n + " " + result);
            }
            if (misinformed && findings.isEmpty()) {
                int n = workload.opsPerThread();
                int f = random.nextInt(workload.filesPerThread());
                opLog.accept("t" + thread + " #" + n + " WRITE " + file(f).getFileName() + " " + write(n, models.get(f),
                        buffered.get(f), buffer, false, true) + " (the verifier is told other bytes)");
            }
        } catch (IOException | RuntimeException e) {
            findings.add("t" + thread + ": " + e.getMessage());
        } finally {
            closeAll(buffered);
            closeAll(direct);
        }
    }

    private record Files(List<OpenFile> buffered, List<OpenFile> direct, ByteBuffer buffer, GuardedBuffer guarded) {
    }

    private String step(int n, StressOp op, int f, Files files) throws IOException {
        FileModel model = models.get(f);
        OpenFile file = files.buffered().get(f);
        String what = op + " " + file.path().getFileName();
        return what + " " + switch (op) {
            case WRITE -> write(n, model, file, files.buffer(), false, false);
            case DWRITE -> write(n, model, files.direct().get(f), files.buffer(), true, false);
            case WRITEV_UNMAPPED -> writevIntoGuard(n, model, file, files.guarded());
            case READ -> read(n, model, file, files.buffer(), randomOffset(Math.max(model.size(), 1)), 1 + random.nextInt(MAX_IO));
            case READ_HOLE -> readHole(n, model, file, files.buffer());
            case FALLOCATE -> fallocate(model, file);
            case TRUNCATE -> truncate(model, file, random.nextInt(model.capacity() + 1));
            case FSYNC -> fsync(file);
        };
    }

    /** A pwrite of op n's bytes; {@code lie}: the model is told other bytes than those written (a broken verifier). */
    private String write(int n, FileModel model, OpenFile file, ByteBuffer buffer, boolean direct, boolean lie) {
        long offset = direct ? PAGE * (long) random.nextInt(model.capacity() / PAGE) : randomOffset(model.capacity());
        int room = (int) Math.min(MAX_IO, model.capacity() - offset);
        int length = direct ? PAGE * (1 + random.nextInt(room / PAGE)) : 1 + random.nextInt(room);
        fill(n, offset, length);
        buffer.clear().put(data, 0, length).flip();
        Transfer t = file.pwrite(buffer, offset);
        String call = "[" + offset + ", +" + length + ") -> ";
        if (t.failed()) {
            return finding(n, call + t.describeError());
        }
        model.wrote(offset, lie ? wrongContent(length) : data, (int) t.done());
        return call + t.done();
    }

    private String writevIntoGuard(int n, FileModel model, OpenFile file, GuardedBuffer guarded) {
        long offset = randomOffset(model.capacity());
        int mapped = 1 + random.nextInt((int) Math.min(MAX_IO, model.capacity() - offset));
        int unmapped = 1 + random.nextInt(MAX_IO);
        fill(n, offset, mapped);
        long ret = guarded.pwritevIntoGuard(file.fd(), data, mapped, unmapped, offset);
        String call = "[" + offset + ", +" + mapped + " mapped +" + unmapped + " unmapped) -> ";
        if (ret < 0) {
            int errno = LibC.errno();
            return errno == Errno.EFAULT ? call + "EFAULT" : finding(n, call + LibC.describe(errno));
        }
        if (ret > mapped) {
            return finding(n, call + ret + ": more than the mapped part was written");
        }
        shortWritevs++;
        model.wrote(offset, data, (int) ret);
        return call + ret;
    }

    private String read(int n, FileModel model, OpenFile file, ByteBuffer buffer, long offset, int length) {
        buffer.clear().limit(length);
        Transfer t = file.pread(buffer, offset);
        String call = "[" + offset + ", +" + length + ") -> ";
        if (t.failed()) {
            return finding(n, call + t.describeError());
        }
        long expected = Math.max(0, Math.min(length, model.size() - offset));
        if (t.done() != expected) {
            return finding(n, call + t.done() + " bytes where the file's size " + model.size() + " gives " + expected);
        }
        byte[] got = new byte[(int) t.done()];
        buffer.get(0, got);
        var mismatches = model.compare(offset, got, got.length);
        return mismatches.isEmpty() ? call + t.done() : finding(n, call + t.done() + ": " + file.path().getFileName()
                + " " + mismatches.get(0) + (mismatches.size() > 1 ? " (and " + (mismatches.size() - 1) + " more)" : ""));
    }

    private String readHole(int n, FileModel model, OpenFile file, ByteBuffer buffer) throws IOException {
        long from = model.size();
        if (from >= model.capacity()) {
            return read(n, model, file, buffer, randomOffset(from), MAX_IO);
        }
        long to = from + 1 + random.nextInt((int) Math.min(2 * MAX_IO, model.capacity() - from));
        file.ftruncate(to);
        model.truncated(to);
        return "truncate " + to + ", " + read(n, model, file, buffer, from, (int) Math.min(MAX_IO, to - from));
    }

    private String fallocate(FileModel model, OpenFile file) throws IOException {
        int[] modes = {0, LibC.FALLOC_FL_KEEP_SIZE, LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_KEEP_SIZE,
            LibC.FALLOC_FL_ZERO_RANGE};
        int mode = modes[random.nextInt(modes.length)];
        long offset = randomOffset(model.capacity());
        long length = 1 + random.nextInt((int) Math.min(4 * MAX_IO, model.capacity() - offset));
        String call = "mode 0x" + Integer.toHexString(mode) + " [" + offset + ", +" + length + ")";
        if (LibC.INSTANCE.fallocate(file.fd(), mode, offset, length) < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EOPNOTSUPP) {
                unsupported++;
                return call + " -> EOPNOTSUPP";
            }
            throw new IOException("fallocate " + call + " on " + file.path() + " failed: " + LibC.describe(errno));
        }
        if ((mode & (LibC.FALLOC_FL_PUNCH_HOLE | LibC.FALLOC_FL_ZERO_RANGE)) != 0) {
            model.zeroed(offset, length);
        }
        if ((mode & LibC.FALLOC_FL_KEEP_SIZE) == 0) {
            model.extendedTo(offset + length);
        }
        return call;
    }

    private String truncate(FileModel model, OpenFile file, long size) throws IOException {
        file.ftruncate(size);
        model.truncated(size);
        return String.valueOf(size);
    }

    private String fsync(OpenFile file) throws IOException {
        if (random.nextBoolean()) {
            file.fsync();
            return "fsync";
        }
        file.fdatasync();
        return "fdatasync";
    }

    private long randomOffset(long below) {
        return random.nextLong(Math.max(1, below));
    }

    /** The bytes operation n writes at file offset x: never zero, and different for every operation and 512-byte block. */
    private void fill(int n, long offset, int length) {
        long op = (long) thread * 1_000_003 + n;
        for (int i = 0; i < length; i++) {
            data[i] = contentAt(op, offset + i);
        }
    }

    static byte contentAt(long op, long fileOffset) {
        return (byte) (1 + Math.floorMod(op * 131 + (fileOffset >>> 9), 255));
    }

    /** What a misinformed verifier is told a write put down: every byte one off. */
    private byte[] wrongContent(int length) {
        byte[] wrong = data.clone();
        for (int i = 0; i < length; i++) {
            wrong[i]++;
        }
        return wrong;
    }

    private String finding(int n, String text) {
        findings.add("t" + thread + " #" + n + ": " + text);
        return text;
    }

    private static void closeAll(List<OpenFile> files) {
        for (OpenFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                // the worker's finding, if any, is already recorded; a failing close adds nothing
            }
        }
    }
}
