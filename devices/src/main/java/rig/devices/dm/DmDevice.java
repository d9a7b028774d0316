package rig.devices.dm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import rig.devices.own.Claim;
import rig.devices.own.Registry;
import rig.sys.Exec;

/**
 * A device-mapper device the rig created with dmsetup, named {@code rig-<pid>-<name>} and
 * claimed in the {@link Registry} (Kind.DM_DEVICE) before it exists, so that a sweep after a
 * SIGKILL finds it. Every dmsetup call runs under a timeout.
 */
public final class DmDevice implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");

    private final String name;
    private final Registry registry;
    private final Claim claim;
    private DmTable table;
    private DmTable inactive;
    private boolean suspended;
    private boolean removed;

    private DmDevice(String name, Registry registry, Claim claim, DmTable table) {
        this.name = name;
        this.registry = registry;
        this.claim = claim;
        this.table = table;
    }

    /** "rig-<pid>-<name>" for this process. */
    public static String fullName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("dm device name '" + name
                    + "' must be 1-64 letters, digits or _.+-; pick a name like scratch");
        }
        return "rig-" + ProcessHandle.current().pid() + "-" + name;
    }

    /** Creates the device with {@code table} loaded and resumed. */
    public static DmDevice create(String name, DmTable table, Registry registry) throws IOException {
        String full = fullName(name);
        Claim claim = registry.claim(Claim.Kind.DM_DEVICE, full);
        try {
            withTableFile(table, file -> dmsetup("create", full, file.toString()));
            if (!Files.exists(Path.of("/dev/mapper", full))) {
                dmsetup("mknodes", full); // neither udev nor libdevmapper made the node (a container's /dev)
            }
        } catch (IOException | RuntimeException e) {
            if (removeQuietly(full)) {
                registry.release(claim);
            }
            throw new IOException("cannot create dm device " + full + " with table [" + table.text().strip()
                    + "]: " + e.getMessage(), e);
        }
        return new DmDevice(full, registry, claim, table);
    }

    public String name() {
        return name;
    }

    /** /dev/mapper/rig-&lt;pid&gt;-&lt;name&gt;. */
    public Path path() {
        return Path.of("/dev/mapper", name);
    }

    /** The live table, as last loaded and resumed through this object. */
    public DmTable table() {
        return table;
    }

    /** The kernel's view: {@code dmsetup table}. */
    public String kernelTable() throws IOException {
        return dmsetup("table", name).stdout();
    }

    public String status() throws IOException {
        return dmsetup("status", name).stdout();
    }

    /**
     * Suspends without freezing the file system on top ({@code --nolockfs}); with
     * {@code noflush}, queued I/O is requeued rather than waited for ({@code --noflush}).
     */
    public void suspend(boolean noflush) throws IOException {
        List<String> args = new ArrayList<>(List.of("suspend", "--nolockfs"));
        if (noflush) {
            args.add("--noflush");
        }
        args.add(name);
        suspended = true; // before: a suspend that times out may still have happened
        dmsetup(args.toArray(new String[0]));
    }

    public void resume() throws IOException {
        dmsetup("resume", name);
        suspended = false;
        if (inactive != null) {
            table = inactive; // a resume makes the loaded table the live one
            inactive = null;
        }
    }

    /**
     * Whether {@code next} is what the kernel already serves: the live table last loaded
     * through this object, on a device this object did not leave suspended.
     */
    public boolean serving(DmTable next) {
        return !suspended && table.text().equals(next.text());
    }

    /** Loads {@code next} as the inactive table (it takes effect at the next resume). */
    public void loadInactive(DmTable next) throws IOException {
        inactive = null;
        withTableFile(next, file -> dmsetup("load", name, file.toString()));
        inactive = next;
    }

    /** Swaps tables as fstests' helpers do: suspend, load, resume (resumed even if the load fails). */
    public void reload(DmTable next, boolean noflush) throws IOException {
        suspend(noflush);
        try {
            loadInactive(next);
        } finally {
            resume();
        }
    }

    /** {@code dmsetup message <name> 0 <words>} (dm-dust: addbadblock N, enable, ...). */
    public String message(String... words) throws IOException {
        List<String> args = new ArrayList<>(List.of("message", name, "0"));
        args.addAll(List.of(words));
        return dmsetup(args.toArray(new String[0])).stdout();
    }

    /** Removes the device and forgets its claim. */
    @Override
    public void close() throws IOException {
        if (removed) {
            return;
        }
        dmsetup("remove", "--retry", name);
        removed = true;
        registry.release(claim);
    }

    /** Best effort after a failed create; false (the claim stays for the sweep) if the device may remain. */
    private static boolean removeQuietly(String full) {
        try {
            Exec.Result r = Exec.run(DeviceMapper.TIMEOUT, null, DeviceMapper.dmsetupEnvironment(),
                    List.of("dmsetup", "remove", "--retry", full));
            return r.ok() || r.stderr().contains("No such device") || r.stderr().contains("not found");
        } catch (IOException e) {
            return false;
        }
    }

    static Exec.Result dmsetup(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("dmsetup");
        cmd.addAll(List.of(args));
        return Exec.run(DeviceMapper.TIMEOUT, null, DeviceMapper.dmsetupEnvironment(), cmd).orThrow();
    }

    private interface TableAction {
        void run(Path file) throws IOException;
    }

    private static void withTableFile(DmTable table, TableAction action) throws IOException {
        Path file = Files.createTempFile("rig-dm-table-", ".txt");
        try {
            Files.writeString(file, table.text());
            action.run(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
