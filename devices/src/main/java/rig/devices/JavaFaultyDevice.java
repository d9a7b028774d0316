package rig.devices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The Java backend: the scratch device is the Java device; tables go through its control. */
final class JavaFaultyDevice extends BadRangesDevice {

    private final Path path;
    private final DeviceControl control;

    JavaFaultyDevice(Path path, DeviceControl control, long sectors, String choice) {
        super(sectors, choice);
        this.path = path;
        this.control = control;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String backend() {
        return "java";
    }

    /** The fault-engine table of the current error ranges: bad segments error, the rest passes. */
    /** "cache volatile\n" while the device caches writes until a flush, else "". */
    private String cacheLine = "";

    String errorTableText() {
        StringBuilder sb = new StringBuilder();
        for (BadRanges.Segment s : bad.segments()) {
            if (s.bad()) {
                sb.append(s.start()).append(' ').append(s.length()).append(" error\n");
            }
        }
        return sb.toString();
    }

    @Override
    public void loadErrorTable() throws IOException {
        control.loadTable(cacheLine + errorTableText());
    }

    @Override
    public void loadWorkingTable() throws IOException {
        control.loadTable(cacheLine);
    }

    @Override
    public void dropWrites() throws IOException {
        control.loadTable(cacheLine + "0 " + sectors() + " drop\n");
    }

    @Override
    public void errorWrites() throws IOException {
        control.loadTable(cacheLine + "0 " + sectors() + " error write\n");
    }

    @Override
    public void delayWrites(int millis) throws IOException {
        control.loadTable(cacheLine + "0 - delay latency=" + millis + "ms write\n");
    }

    @Override
    public void allowWrites() throws IOException {
        control.loadTable(cacheLine);
    }

    /** Every table this device loads keeps the cache mode chosen here; the working table is loaded with it. */
    @Override
    public boolean volatileCache(boolean on) throws IOException {
        cacheLine = on ? "cache volatile\n" : "";
        control.loadTable(cacheLine);
        return true;
    }

    @Override
    public Optional<DeviceControl> control() {
        return Optional.of(control);
    }

    @Override
    public void close() throws IOException {
        cacheLine = "";
        control.loadTable("");
    }

    @Override
    public boolean stall() throws IOException {
        control.loadTable("0 - stall write\n");
        return true;
    }
}
