package dev.kiln.server.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.api.instance.InstanceCatalog;
import dev.kiln.runtime.device.HostResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static final long GIB = 1L << 30;
    private static final HostResources NO_GPU = new HostResources(2, 8 * GIB, List.of());
    private static final HostResources TWO_A10G = new HostResources(16, 64 * GIB, List.of(
            new HostResources.Gpu(0, "NVIDIA A10G", 24 * GIB), new HostResources.Gpu(1, "NVIDIA A10G", 24 * GIB)));

    private static Placement place(String type, HostResources host) {
        return Placement.of(InstanceCatalog.require(type), 1, host);
    }

    @Test
    void cpuTypesRunOnTheirThreadsAndSayWhenThatIsFewerThanAsked() {
        assertEquals("2 CPU threads", place("ml.m5.large", NO_GPU).ranOn());
        assertEquals("2 CPU threads (of 16 vCPUs)", place("ml.c5.4xlarge", NO_GPU).ranOn());
        assertEquals("CPU only", place("ml.c5.4xlarge", NO_GPU).devices());
    }

    @Test
    void gpuTypesWithoutAGpuHereSayTheyRanOnCpu() {
        assertEquals("GPU profile ran on CPU: no GPU here (2 CPU threads)", place("ml.g5.xlarge", NO_GPU).ranOn());
        assertEquals("CPU only", place("ml.g5.xlarge", NO_GPU).devices());
    }

    @Test
    void gpuTypesNameTheGpusTheyGet() {
        assertEquals("GPU 0 (NVIDIA A10G)", place("ml.g5.xlarge", TWO_A10G).ranOn());
        assertEquals("GPU 0", place("ml.g5.xlarge", TWO_A10G).devices());
        assertEquals("GPUs 0,1 (NVIDIA A10G), 2 of the 4 GPUs asked", place("ml.g5.12xlarge", TWO_A10G).ranOn());
        assertEquals("GPUs 0,1", place("ml.g5.12xlarge", TWO_A10G).devices());
    }

    @Test
    void mixedGpuModelsAreNamedEach() {
        HostResources mixed = new HostResources(16, 64 * GIB, List.of(
                new HostResources.Gpu(0, "NVIDIA L4", 24 * GIB), new HostResources.Gpu(1, "NVIDIA A10G", 24 * GIB)));
        assertEquals("GPUs 0,1 (NVIDIA L4, NVIDIA A10G), 2 of the 4 GPUs asked", place("ml.g5.12xlarge", mixed).ranOn());
    }

    @Test
    void trainiumTypesRunOnCpu() {
        assertEquals("AWS Trainium profile ran on CPU: Kiln cannot use AWS Trainium (2 CPU threads)",
                place("ml.trn1.2xlarge", NO_GPU).ranOn());
    }
}
