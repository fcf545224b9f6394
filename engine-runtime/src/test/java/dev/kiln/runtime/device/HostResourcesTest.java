package dev.kiln.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResourcesTest {

    private static final long GIB = 1L << 30;
    private static final HostResources.Gpu A10G_0 = new HostResources.Gpu(0, "NVIDIA A10G", 23028L << 20);
    private static final HostResources.Gpu A10G_1 = new HostResources.Gpu(1, "NVIDIA A10G", 23028L << 20);
    private static final HostResources BOX = new HostResources(16, 64 * GIB, List.of(A10G_0, A10G_1));

    @Test
    void detectMeasuresSomethingPlausible() {
        HostResources h = HostResources.detect(Map.of(HostResources.GPUS, "none"));
        assertEquals(Runtime.getRuntime().availableProcessors(), h.cpuCores());
        assertTrue(h.memoryBytes() > 64L << 20, "memory " + h.memoryBytes());
        assertEquals(List.of(), h.gpus());
    }

    @Test
    void overridesReplaceTheMeasuredFigures() {
        HostResources h = BOX.withOverrides(Map.of(HostResources.CPUS, "2", HostResources.MEMORY, "4g",
                HostResources.GPUS, "1"));
        assertEquals(new HostResources(2, 4 * GIB, List.of(A10G_1)), h);
        assertEquals(List.of(), BOX.withOverrides(Map.of(HostResources.GPUS, "none")).gpus());
        assertEquals(BOX, BOX.withOverrides(Map.of(HostResources.GPUS, "all")));
        assertEquals(BOX, BOX.withOverrides(Map.of()));
    }

    @Test
    void declaredGpusThatWereNotDetectedAreUnknown() {
        HostResources none = new HostResources(4, GIB, List.of());
        assertEquals(List.of(new HostResources.Gpu(0, "unknown", 0), new HostResources.Gpu(3, "unknown", 0)),
                none.withOverrides(Map.of(HostResources.GPUS, "0, 3")).gpus());
    }

    @Test
    void propertiesWorkLikeAMap() {
        Properties p = new Properties();
        p.setProperty(HostResources.CPUS, "1");
        p.setProperty(HostResources.GPUS, "none");
        HostResources h = HostResources.detect(p);
        assertEquals(1, h.cpuCores());
        assertEquals(List.of(), h.gpus());
    }

    @Test
    void memorySizes() {
        assertEquals(17179869184L, HostResources.parseBytes("17179869184"));
        assertEquals(16 * GIB, HostResources.parseBytes("16g"));
        assertEquals(16 * GIB, HostResources.parseBytes("16GiB"));
        assertEquals(16 * GIB, HostResources.parseBytes("16 GB"));
        assertEquals(512L << 20, HostResources.parseBytes("512m"));
        assertEquals(GIB + GIB / 2, HostResources.parseBytes("1.5G"));
        assertEquals(1L << 40, HostResources.parseBytes("1T"));
        assertThrows(IllegalArgumentException.class, () -> HostResources.parseBytes("lots"));
        assertThrows(IllegalArgumentException.class, () -> BOX.withOverrides(Map.of(HostResources.CPUS, "many")));
        assertThrows(IllegalArgumentException.class, () -> BOX.withOverrides(Map.of(HostResources.CPUS, "0")));
    }

    @Test
    void kilnsOwnCudaVisibleDevicesNarrowsTheGpus() {
        List<HostResources.Gpu> both = List.of(A10G_0, A10G_1);
        assertEquals(both, HostResources.visible(both, null));
        assertEquals(List.of(A10G_1), HostResources.visible(both, "1"));
        assertEquals(List.of(), HostResources.visible(both, ""));
        assertEquals(List.of(), HostResources.visible(both, "-1"));
        assertEquals(both, HostResources.visible(both, "GPU-5a1b2c3d-0000-1111-2222-333344445555"));
    }

    @Test
    void memTotalReadsKibibytes(@TempDir Path dir) throws IOException {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:       16314888 kB\nMemFree:         1234 kB\n");
        assertEquals(16314888L * 1024, HostResources.memTotal(meminfo));
        assertEquals(0, HostResources.memTotal(dir.resolve("absent")));
    }
}
