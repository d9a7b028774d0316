package rig.devices.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import rig.sys.Exec;

/** One fio job against a block device with direct I/O, and what it measured. */
record Fio(String label, String rw, String blockSize, int iodepth) {

    /** Bandwidth in MiB/s and operations per second of one run. */
    record Figures(double mibPerSecond, double iops) {
    }

    Figures run(Path device, long sizeBytes, int seconds) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("fio", "--name=" + label, "--filename=" + device,
                "--direct=1", "--rw=" + rw, "--bs=" + blockSize, "--size=" + sizeBytes, "--ioengine=libaio",
                "--iodepth=" + iodepth, "--numjobs=1", "--time_based", "--runtime=" + seconds, "--ramp_time=1",
                "--randrepeat=1", "--norandommap", "--output-format=json"));
        Exec.Result r = Exec.run(Duration.ofSeconds(seconds + 60L), cmd).orThrow();
        JsonNode job = new ObjectMapper().readTree(r.stdout().substring(r.stdout().indexOf('{'))).path("jobs").path(0);
        JsonNode side = job.path(rw.contains("write") ? "write" : "read");
        if (side.isMissingNode()) {
            throw new IOException("fio printed no " + rw + " figures: " + r.output());
        }
        return new Figures(side.path("bw_bytes").asDouble() / (1 << 20), side.path("iops").asDouble());
    }
}
