package dev.kiln.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NvidiaSmiTest {

    private static final long MIB = 1L << 20;

    @Test
    void parsesTheQueryOutput() {
        String out = "0, NVIDIA H100 80GB HBM3, 81559\n"
                + "1, Tesla V100-SXM2-16GB, 16160\r\n"
                + "\n"
                + "2, NVIDIA A10G, [N/A]\n";
        assertEquals(List.of(
                new HostResources.Gpu(0, "NVIDIA H100 80GB HBM3", 81559 * MIB),
                new HostResources.Gpu(1, "Tesla V100-SXM2-16GB", 16160 * MIB),
                new HostResources.Gpu(2, "NVIDIA A10G", 0)), NvidiaSmi.parse(out));
    }

    @Test
    void skipsWhatIsNotAGpuLine() {
        String out = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"
                + "index, name, memory.total [MiB]\n"
                + "3, NVIDIA L4, 23034\n";
        assertEquals(List.of(new HostResources.Gpu(3, "NVIDIA L4", 23034 * MIB)), NvidiaSmi.parse(out));
        assertEquals(List.of(), NvidiaSmi.parse(""));
    }

    @Test
    void namesWithCommasKeepThem() {
        assertEquals(List.of(new HostResources.Gpu(0, "Vendor, Model X", 1024 * MIB)),
                NvidiaSmi.parse("0, Vendor, Model X, 1024"));
    }

    @Test
    void missingToolMeansNoGpus() {
        assertEquals(List.of(), NvidiaSmi.query(List.of("kiln-no-such-tool-1f3a"), Duration.ofSeconds(5)));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void runsTheCommandAndReadsItsOutput() {
        assertEquals(List.of(new HostResources.Gpu(0, "Tesla T4", 15360 * MIB)),
                NvidiaSmi.query(List.of("sh", "-c", "printf '0, Tesla T4, 15360\\n'"), Duration.ofSeconds(5)));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void failingOrHangingToolMeansNoGpus() {
        assertEquals(List.of(), NvidiaSmi.query(List.of("sh", "-c", "echo '0, X, 1'; exit 9"), Duration.ofSeconds(5)));
        assertEquals(List.of(), NvidiaSmi.query(List.of("sh", "-c", "echo '0, X, 1'; exec sleep 30"), Duration.ofMillis(300)));
    }
}
