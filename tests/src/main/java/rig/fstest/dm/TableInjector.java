package rig.fstest.dm;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import rig.devices.DeviceControl;

/** Faults through a Java device's fault table (rig.devices.fault's text form), swapped atomically. */
final class TableInjector implements FaultInjector {
    private final DeviceControl control;
    private final String name;

    TableInjector(DeviceControl control, String name) {
        this.control = control;
        this.name = name;
    }

    static String errorTable(List<SectorRange> bad) {
        StringBuilder sb = new StringBuilder();
        bad.stream().sorted(Comparator.comparingLong(SectorRange::start)).forEach(r ->
                sb.append(r.start()).append(' ').append(r.length()).append(" error rw\n"));
        return sb.toString();
    }

    @Override
    public void passAll() throws IOException {
        control.loadTable("0 - pass\n");
    }

    @Override
    public void errorAll() throws IOException {
        control.loadTable("0 - error rw\n");
    }

    @Override
    public void errorRanges(List<SectorRange> bad) throws IOException {
        control.loadTable(bad.isEmpty() ? "0 - pass\n" : errorTable(bad));
    }

    @Override
    public void dropWrites() throws IOException {
        control.loadTable("0 - drop write\n");
    }

    @Override
    public void errorWrites() throws IOException {
        control.loadTable("0 - error write\n");
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() throws IOException {
        if (control instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("closing the device control of " + name + " failed", e);
            }
        }
    }
}
