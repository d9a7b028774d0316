package rig.triage.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import rig.triage.Kind;
import rig.triage.UnreadableInputException;
import rig.triage.log.Evidence;
import rig.triage.log.Finding;
import rig.triage.log.KernelLogScanner;
import rig.triage.log.LineAssembler;
import rig.triage.signature.Scope;

/**
 * Reads triage input: a results directory ({@code [config/...]suite/NNN.{out.bad,full,dmesg,notrun,hints,oe}},
 * NNN.dmesg.expected beside a .dmesg: {@link DeclaredFindings}),
 * {@code check.log}, {@code result.xml}; the configuration is the path between the root and the suite,
 * so a CI matrix of sections, hosts and kernels is one tree), a single file, or a stream.
 */
public final class InputReader {
    private static final int MISMATCH_LINES = 6;

    private final ScopedSink sink;
    private final List<String> warnings = new ArrayList<>();
    private int files;

    public InputReader(ScopedSink sink) {
        this.sink = sink;
    }

    /** Problems with single files inside a directory (the rest was read). */
    public List<String> warnings() {
        return warnings;
    }

    public int filesRead() {
        return files;
    }

    /** A directory (walked) or a file. */
    public void readPath(Path path) throws UnreadableInputException {
        if (Files.isDirectory(path)) {
            readTree(path);
        } else if (Files.exists(path)) {
            FileKind kind = FileKind.of(path.getFileName().toString());
            readFile(path, kind == null ? FileKind.LOG : kind, "", path.getParent());
        } else {
            throw new UnreadableInputException(path + ": no such file or directory; pass a results directory,"
                    + " a log file (.dmesg, .full, .out.bad, console log, result.xml), or - for stdin");
        }
    }

    /** Standard input or any stream: a plain log. */
    public void readStream(InputStream in, String name) throws UnreadableInputException {
        try (Reader r = TextInput.reader(in, name)) {
            scan(r, new Scope("", null, name));
            files++;
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableInputException(name + ": read failed (" + e.getMessage() + "); pass the log again");
        }
    }

    private void readTree(Path root) throws UnreadableInputException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(Files::isRegularFile).filter(p -> FileKind.of(p.getFileName().toString()) != null)
                    .filter(p -> !lossyConsole(p)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableInputException(root + ": cannot walk the directory (" + e.getMessage()
                    + "); check permissions (run as a user who can read it)");
        }
        if (paths.isEmpty()) {
            throw new UnreadableInputException(root + ": no results or logs found; pass a results directory"
                    + " (results/[section/]suite/NNN.{out.bad,full,dmesg,notrun,oe}, check.log, result.xml) or a log file");
        }
        for (Path p : paths) {
            try {
                readFile(p, FileKind.of(p.getFileName().toString()), root.relativize(p).toString(), root);
            } catch (UnreadableInputException e) {
                warnings.add(e.getMessage());
            }
        }
    }

    /** The kernel-log checker's findings as rig.check.run.TestRun writes them into NNN.full. */
    static final String DMESG_FINDING = "checker finding: dmesg: ";

    /** What {@code rig vm} leaves beside each other: the guest's serial console and its whole kernel log. */
    static final String GUEST_CONSOLE = "vm-console.log";
    static final String GUEST_KERNEL_LOG = "vm-dmesg.log";

    /**
     * A guest's serial console when its whole kernel log is beside it: the console shows only the
     * messages above the console loglevel, so its reports lack their stacks (a hung-task report
     * there is one line), and every report it has is in the kernel log in full.
     */
    static boolean lossyConsole(Path file) {
        return file.getFileName().toString().equals(GUEST_CONSOLE) && file.getParent() != null
                && Files.isRegularFile(file.getParent().resolve(GUEST_KERNEL_LOG));
    }

    private void readFile(Path file, FileKind kind, String rel, Path root) throws UnreadableInputException {
        String name = file.getFileName().toString();
        Path dir = file.getParent();
        String source = rel.isEmpty() ? file.toString() : rel;
        if (kind == FileKind.RESULT_XML) {
            new ResultXml(sink, warnings::add).read(file, source, configOf(root, dir));
        } else if (kind == FileKind.CHECK_LOG) {
            try (Reader r = TextInput.open(file)) {
                new CheckLog(sink, configOf(root, dir), source).read(r);
            } catch (IOException | UncheckedIOException e) {
                throw new UnreadableInputException(source + ": read failed (" + e.getMessage() + ")");
            }
        } else if (kind.perTest()) {
            String suite = dir == null || dir.getFileName() == null ? null : dir.getFileName().toString();
            String test = suite == null ? kind.testBase(name) : suite + "/" + kind.testBase(name);
            String config = dir == null ? "" : configOf(root, dir.getParent());
            readTestFile(file, kind, new Scope(config, test, source));
        } else {
            try (Reader r = TextInput.open(file)) {
                scan(r, new Scope(configOf(root, dir), null, source));
            } catch (IOException | UncheckedIOException e) {
                throw new UnreadableInputException(source + ": read failed (" + e.getMessage() + ")");
            }
        }
        files++;
    }

    private void readTestFile(Path file, FileKind kind, Scope scope) throws UnreadableInputException {
        try (Reader r = TextInput.open(file)) {
            switch (kind) {
                case NOTRUN -> {
                    StringBuilder reason = new StringBuilder();
                    LineAssembler.readAll(r, l -> {
                        if (reason.length() == 0 && !l.isBlank()) {
                            reason.append(l.strip());
                        }
                    });
                    sink.accept(scope, new Finding(Kind.NOT_RUN, "not run", null, List.of(Evidence.line("", reason.toString()))));
                }
                case OUT_BAD -> {
                    List<String> head = new ArrayList<>();
                    head.add(scope.test() + ".out.bad:");
                    KernelLogScanner sc = scanner(scope);
                    LineAssembler.readAll(r, l -> {
                        if (head.size() <= MISMATCH_LINES && !l.startsWith("QA output created by")) {
                            head.add(Evidence.line("", l));
                        }
                        sc.accept(l);
                    });
                    sc.finish();
                    sink.accept(scope, new Finding(Kind.OUTPUT_MISMATCH, "output mismatch", null, List.copyOf(head)));
                }
                case DMESG -> {
                    String base = kind.testBase(file.getFileName().toString());
                    KernelLogScanner sc = new KernelLogScanner(
                            DeclaredFindings.kernelLogSink(file.getParent(), base, sink, scope, warnings::add));
                    ForeignLines foreign = new ForeignLines(file.getParent(), base);
                    LineAssembler.readAll(r, l -> {
                        if (!foreign.foreign(l)) {
                            sc.accept(l);
                        }
                    });
                    sc.finish();
                }
                case FULL -> {
                    // "checker finding: dmesg: kernel log: INFO: task ... blocked ..." restates a report of
                    // NNN.dmesg by its first line: read there whole, not here as a report without its stack
                    boolean dmesgBeside = Files.isRegularFile(file.resolveSibling(kind.testBase(file.getFileName().toString())
                            + FileKind.DMESG.suffix));
                    scan(r, scope, l -> !(dmesgBeside && l.startsWith(DMESG_FINDING)));
                }
                default -> scan(r, scope);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableInputException(scope.source() + ": read failed (" + e.getMessage() + ")");
        }
    }

    private void scan(Reader r, Scope scope) throws IOException {
        scan(r, scope, l -> true);
    }

    /** Scans the lines {@code keep} accepts as a kernel log. */
    private void scan(Reader r, Scope scope, java.util.function.Predicate<String> keep) throws IOException {
        KernelLogScanner sc = scanner(scope);
        LineAssembler.readAll(r, l -> {
            if (keep.test(l)) {
                sc.accept(l);
            }
        });
        sc.finish();
    }

    private KernelLogScanner scanner(Scope scope) {
        return new KernelLogScanner(f -> sink.accept(scope, f));
    }

    /** The configuration of a directory: its path below the root, with '/' separators ("" at the root). */
    static String configOf(Path root, Path dir) {
        if (root == null || dir == null || !dir.startsWith(root) || dir.equals(root)) {
            return "";
        }
        return root.relativize(dir).toString().replace('\\', '/');
    }
}
