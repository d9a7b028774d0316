package rig.devices.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeviceCommandTest {

    @Test
    void sizesTakeBinaryUnits() {
        CommandLine cl = new CommandLine(new DeviceCommand());
        assertEquals(4096, DeviceCommand.parseSize(cl, "4096"));
        assertEquals(512L << 10, DeviceCommand.parseSize(cl, "512k"));
        assertEquals(1L << 30, DeviceCommand.parseSize(cl, "1G"));
        assertThrows(CommandLine.ParameterException.class, () -> DeviceCommand.parseSize(cl, "1X"));
        assertThrows(CommandLine.ParameterException.class, () -> DeviceCommand.parseSize(cl, "G"));
    }

    @Test
    void aRemoteCommandWithoutASocketIsAUsageError() {
        CommandLine cl = new CommandLine(new DeviceCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int status = cl.execute("counters", "--socket", "/nonexistent/rig.sock");
        assertEquals(2, status);
        assertEquals(true, err.toString().contains("does not exist"), err.toString());
    }
}
