package dev.kiln.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.error.ResourceLimitExceededException;
import dev.kiln.api.instance.InstanceCatalog;
import dev.kiln.api.instance.InstanceType;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeviceProfilesTest {

    private static final long GIB = 1L << 30;

    private static HostResources host(int cores, long memGiB, int gpus, long gpuMemGiB) {
        return new HostResources(cores, memGiB * GIB, IntStream.range(0, gpus)
                .mapToObj(i -> new HostResources.Gpu(i, "NVIDIA A100-SXM4-80GB", gpuMemGiB * GIB)).toList());
    }

    private static InstanceType type(String name) {
        return InstanceCatalog.require(name);
    }

    @Test
    void typeThatFitsIsNotScaled() {
        DeviceProfile p = DeviceProfiles.map(type("ml.c5.xlarge"), 1, host(16, 64, 0, 0), false);
        assertEquals(4, p.cpuThreads());
        assertEquals(8 * GIB, p.memoryLimitBytes());
        assertEquals(List.of(), p.gpuIds());
        assertFalse(p.scaledDown());
        assertEquals(List.of(), p.warnings());
        // Fits, so strict mode has nothing to refuse.
        assertEquals(p, DeviceProfiles.map(type("ml.c5.xlarge"), 1, host(16, 64, 0, 0), true));
    }

    @Test
    void gpuTypeOnAGpuMachineGetsTheFirstGpus() {
        DeviceProfile p = DeviceProfiles.map(type("ml.p4d.24xlarge"), 1, host(128, 2048, 8, 80), false);
        assertEquals(96, p.cpuThreads());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), p.gpuIds());
        assertFalse(p.scaledDown(), p.warnings().toString());
        DeviceProfile one = DeviceProfiles.map(type("ml.p3.2xlarge"), 1, host(128, 2048, 8, 80), false);
        assertEquals(List.of(0), one.gpuIds());
    }

    @Test
    void bigGpuTypeOnASmallCpuMachineIsScaledDownWithAWarningPerResource() {
        DeviceProfile p = DeviceProfiles.map(type("ml.p3.16xlarge"), 1, host(2, 8, 0, 0), false);
        assertEquals(2, p.cpuThreads());
        assertEquals(8 * GIB, p.memoryLimitBytes());
        assertEquals(List.of(), p.gpuIds());
        assertTrue(p.scaledDown());
        assertEquals(List.of(
                "ml.p3.16xlarge asks for 64 vCPUs; this machine has 2 CPU cores: the job runs with 2 threads",
                "ml.p3.16xlarge asks for 488 GiB of memory; this machine has 8 GiB: the job's memory limit is 8 GiB",
                "ml.p3.16xlarge asks for 8 GPUs (NVIDIA V100); this machine has none: the job runs on CPU"), p.warnings());
    }

    @Test
    void fewerGpusThanAskedForGetsWhatThereIs() {
        DeviceProfile p = DeviceProfiles.map(type("ml.g5.12xlarge"), 1, host(64, 256, 2, 80), false);
        assertEquals(List.of(0, 1), p.gpuIds());
        assertTrue(p.scaledDown());
        assertEquals(List.of("ml.g5.12xlarge asks for 4 GPUs (NVIDIA A10G); this machine has 2: the job gets GPUs 0,1"),
                p.warnings());
    }

    @Test
    void smallerGpuMemoryIsAReduction() {
        DeviceProfile p = DeviceProfiles.map(type("ml.p4de.24xlarge"), 1, host(128, 2048, 8, 24), false);
        assertTrue(p.scaledDown());
        assertEquals(8, p.warnings().size());
        assertEquals("ml.p4de.24xlarge's GPUs have 80 GiB each; GPU 0 (NVIDIA A100-SXM4-80GB) has 24 GiB", p.warnings().get(0));
        // Drivers reserve a little: 79.6 GiB reported for an 80 GiB GPU is not a reduction.
        HostResources h100 = new HostResources(192, 2048 * GIB, List.of(new HostResources.Gpu(0, "NVIDIA H100 80GB HBM3", 81559L << 20)));
        assertFalse(DeviceProfiles.map(type("ml.p5.4xlarge"), 1, h100, false).scaledDown());
    }

    @Test
    void trainiumRunsOnCpu() {
        DeviceProfile p = DeviceProfiles.map(type("ml.trn1.2xlarge"), 1, host(16, 64, 1, 80), false);
        assertEquals(List.of(), p.gpuIds());
        assertTrue(p.scaledDown());
        assertEquals(List.of("ml.trn1.2xlarge asks for AWS Trainium accelerators; Kiln cannot use them on this machine: "
                + "the job runs on CPU"), p.warnings());
    }

    @Test
    void strictModeRefusesAnyReduction() {
        ResourceLimitExceededException e = assertThrows(ResourceLimitExceededException.class,
                () -> DeviceProfiles.map(type("ml.p3.16xlarge"), 1, host(64, 512, 0, 0), true));
        assertEquals("ResourceLimitExceeded", e.errorCode());
        assertTrue(e.getMessage().contains("ml.p3.16xlarge"), e.getMessage());
        assertTrue(e.getMessage().contains("8 GPUs (NVIDIA V100); this machine has none"), e.getMessage());
        assertFalse(e.getMessage().contains("vCPUs"), "cores were enough: " + e.getMessage());
        assertThrows(ResourceLimitExceededException.class,
                () -> DeviceProfiles.map(type("ml.m5.24xlarge"), 1, host(8, 512, 0, 0), true));
    }

    @Test
    void instancesShareTheMachine() {
        HostResources h = host(16, 64, 4, 80);
        DeviceProfile first = DeviceProfiles.forInstance(type("ml.g5.12xlarge"), 2, 0, h, false);
        DeviceProfile second = DeviceProfiles.forInstance(type("ml.g5.12xlarge"), 2, 1, h, false);
        assertEquals(8, first.cpuThreads());
        assertEquals(32 * GIB, first.memoryLimitBytes());
        assertEquals(List.of(0, 1), first.gpuIds());
        assertEquals(List.of(2, 3), second.gpuIds());
        assertTrue(first.warnings().get(0).contains("(shared by 2 instances)"), first.warnings().toString());
        assertEquals(first, DeviceProfiles.map(type("ml.g5.12xlarge"), 2, h, false));
        assertThrows(IllegalArgumentException.class, () -> DeviceProfiles.forInstance(type("ml.c5.xlarge"), 2, 2, h, false));
    }

    @Test
    void atLeastOneThreadEvenWhenInstancesOutnumberCores() {
        DeviceProfile p = DeviceProfiles.forInstance(type("ml.c5.xlarge"), 4, 3, host(2, 64, 0, 0), false);
        assertEquals(1, p.cpuThreads());
    }

    @Test
    void environmentCarriesTheLimits() {
        DeviceProfile gpu = DeviceProfiles.map(type("ml.g5.12xlarge"), 1, host(16, 256, 4, 24), false);
        var env = gpu.environment();
        assertEquals("16", env.get("OMP_NUM_THREADS"));
        assertEquals("16", env.get("MKL_NUM_THREADS"));
        assertEquals("16", env.get("OPENBLAS_NUM_THREADS"));
        assertEquals("16", env.get("NUMEXPR_NUM_THREADS"));
        assertEquals("16", env.get("TF_NUM_INTRAOP_THREADS"));
        assertEquals("0,1,2,3", env.get("CUDA_VISIBLE_DEVICES"));
        assertEquals("PCI_BUS_ID", env.get("CUDA_DEVICE_ORDER"));
        assertEquals("4", env.get("SM_NUM_GPUS"));

        DeviceProfile cpu = DeviceProfiles.map(type("ml.p3.2xlarge"), 1, host(2, 8, 0, 0), false);
        assertEquals("-1", cpu.environment().get("CUDA_VISIBLE_DEVICES"));
        assertEquals("2", cpu.environment().get("OMP_NUM_THREADS"));
        assertEquals("0", cpu.environment().get("SM_NUM_GPUS"));
        assertEquals(List.of("-XX:ActiveProcessorCount=2", "-XX:MaxRAM=" + (8 * GIB)), cpu.jvmOptions());
    }
}
