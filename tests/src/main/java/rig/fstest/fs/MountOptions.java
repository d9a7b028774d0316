package rig.fstest.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MOUNT_OPTIONS as fstests writes them ("-o noatime,compress=zstd", "-o ro -o discard"), turned
 * into mount(2)'s flags and its filesystem data string. Generic options (ro, noatime, nosuid,
 * ...) become MS_* flags; everything else goes to the filesystem.
 */
public record MountOptions(long flags, String data) {

    public static final long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
            MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOATIME = 1024, MS_NODIRATIME = 2048,
            MS_RELATIME = 1L << 21, MS_STRICTATIME = 1L << 24, MS_LAZYTIME = 1L << 25;

    private static final Map<String, Long> SET = Map.ofEntries(
            Map.entry("ro", MS_RDONLY), Map.entry("nosuid", MS_NOSUID), Map.entry("nodev", MS_NODEV),
            Map.entry("noexec", MS_NOEXEC), Map.entry("sync", MS_SYNCHRONOUS), Map.entry("dirsync", MS_DIRSYNC),
            Map.entry("mand", MS_MANDLOCK), Map.entry("noatime", MS_NOATIME), Map.entry("nodiratime", MS_NODIRATIME),
            Map.entry("relatime", MS_RELATIME), Map.entry("strictatime", MS_STRICTATIME),
            Map.entry("lazytime", MS_LAZYTIME));
    private static final Map<String, Long> CLEAR = Map.ofEntries(
            Map.entry("rw", MS_RDONLY), Map.entry("suid", MS_NOSUID), Map.entry("dev", MS_NODEV),
            Map.entry("exec", MS_NOEXEC), Map.entry("async", MS_SYNCHRONOUS), Map.entry("nomand", MS_MANDLOCK),
            Map.entry("atime", MS_NOATIME), Map.entry("diratime", MS_NODIRATIME),
            Map.entry("norelatime", MS_RELATIME), Map.entry("nostrictatime", MS_STRICTATIME),
            Map.entry("nolazytime", MS_LAZYTIME));

    public static final MountOptions NONE = new MountOptions(0, "");

    /**
     * Parses mount(8)-style arguments: "-o a,b", "-oa,b", "-r"/"-w", "-t type" (ignored: FSTYP
     * decides). Anything else is refused with the argument named.
     */
    public static MountOptions parse(String text) {
        List<String> opts = new ArrayList<>();
        String[] words = text == null ? new String[0] : text.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty()) {
                continue;
            }
            if (w.equals("-o") || w.equals("-t")) {
                if (i + 1 >= words.length) {
                    throw new IllegalArgumentException("mount options \"" + text + "\": " + w + " needs a value");
                }
                if (w.equals("-o")) {
                    opts.addAll(List.of(words[i + 1].split(",")));
                }
                i++;
            } else if (w.startsWith("-o")) {
                opts.addAll(List.of(w.substring(2).split(",")));
            } else if (w.equals("-r")) {
                opts.add("ro");
            } else if (w.equals("-w")) {
                opts.add("rw");
            } else if (!w.startsWith("-t")) {
                throw new IllegalArgumentException("mount options \"" + text + "\": cannot use \"" + w
                        + "\" (give filesystem options as -o opt[,opt])");
            }
        }
        return of(opts);
    }

    /** Options as a list of words ("noatime", "compress=zstd"). */
    public static MountOptions of(List<String> options) {
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String o : options) {
            String opt = o.trim();
            if (opt.isEmpty() || opt.equals("defaults")) {
                continue;
            }
            if (SET.containsKey(opt)) {
                flags |= SET.get(opt);
            } else if (CLEAR.containsKey(opt)) {
                flags &= ~CLEAR.get(opt);
            } else {
                data.add(opt);
            }
        }
        return new MountOptions(flags, String.join(",", data));
    }

    /** These options and {@code more}: flags are or-ed, data strings joined. */
    public MountOptions plus(MountOptions more) {
        long f = flags | more.flags;
        String d = data.isEmpty() ? more.data : more.data.isEmpty() ? data : data + "," + more.data;
        return new MountOptions(f, d);
    }
}
