package dev.kiln.api.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class InstanceCatalogTest {

    /** Where the project keeps the API documents; the test reads them when present. */
    private static final Path SEEDS = seeds();

    /** -Dkiln.seeds, else shared/seeds beside the checkout (as CI lays it out), else /work/shared/seeds. */
    private static Path seeds() {
        String given = System.getProperty("kiln.seeds");
        if (given != null) {
            return Path.of(given);
        }
        Path beside = Path.of("..", "..", "shared", "seeds").toAbsolutePath().normalize();
        return Files.isDirectory(beside) ? beside : Path.of("/work/shared/seeds");
    }
    private static final Pattern ML_TYPE = Pattern.compile("ml\\.[a-z0-9-]+\\.[a-z0-9-]+");

    @Test
    void everyTypeListedFromTheSeedDocumentsIsKnown() throws IOException {
        Set<String> listed = seedList();
        assertTrue(listed.size() > 50, "only " + listed);
        assertEquals(Set.of(), unknown(listed));
    }

    @Test
    void everyTypeNamedInTheSeedDocumentsIsKnown() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SEEDS), "seed documents not on this machine");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.list(SEEDS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) {
                Matcher m = ML_TYPE.matcher(Files.readString(f));
                while (m.find()) {
                    named.add(m.group());
                }
            }
        }
        assertTrue(named.size() > 50, "seed scan found only " + named);
        assertEquals(Set.of(), unknown(named));
        assertEquals(seedList(), named, "seed-instance-types.txt is out of date");
    }

    private static Set<String> seedList() throws IOException {
        try (InputStream in = InstanceCatalogTest.class.getResourceAsStream("seed-instance-types.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> unknown(Set<String> names) {
        Set<String> missing = new TreeSet<>();
        for (String name : names) {
            if (InstanceCatalog.find(name).isEmpty()) {
                missing.add(name);
            }
        }
        return missing;
    }

    @Test
    void coversTheModelsTrainingInstanceTypeEnum() {
        // The same 145 names the validator takes, from botocore's TrainingInstanceType.
        List<String> enumValues = dev.kiln.api.validation.Shapes.TRAINING_INSTANCE_TYPE.enumValues();
        for (String name : enumValues) {
            assertTrue(InstanceCatalog.find(name).isPresent(), name);
        }
        assertEquals(enumValues.size(), InstanceCatalog.all().size());
    }

    @Test
    void publishedFigures() {
        InstanceType p3 = InstanceCatalog.require("ml.p3.2xlarge");
        assertEquals(8, p3.vcpus());
        assertEquals(61.0, p3.memoryGiB());
        assertEquals(1, p3.gpus());
        assertEquals("V100", p3.gpuModel());
        assertEquals(16.0, p3.gpuMemoryGiBPerGpu());
        assertEquals("NVIDIA V100", p3.accelerator());
        assertEquals("p3", p3.family());

        InstanceType g5 = InstanceCatalog.require("ml.g5.xlarge");
        assertEquals(4, g5.vcpus());
        assertEquals(16.0, g5.memoryGiB());
        assertEquals(1, g5.gpus());
        assertEquals("A10G", g5.gpuModel());
        assertEquals(24.0, g5.gpuMemoryGiBPerGpu());

        InstanceType c5 = InstanceCatalog.require("ml.c5.xlarge");
        assertEquals(4, c5.vcpus());
        assertEquals(8.0, c5.memoryGiB());
        assertEquals(0, c5.gpus());
        assertNull(c5.gpuModel());
        assertNull(c5.accelerator());
        assertEquals(8L << 30, c5.memoryBytes());

        InstanceType p316 = InstanceCatalog.require("ml.p3.16xlarge");
        assertEquals(8, p316.gpus());
        assertEquals(488.0, p316.memoryGiB());
        assertEquals(7.5, InstanceCatalog.require("ml.c4.xlarge").memoryGiB());
        assertEquals(80.0, InstanceCatalog.require("ml.p4de.24xlarge").gpuMemoryGiBPerGpu());
        assertEquals(4, InstanceCatalog.require("ml.g4dn.12xlarge").gpus());
        assertEquals(8, InstanceCatalog.require("ml.p5.48xlarge").gpus());
        assertEquals("H100", InstanceCatalog.require("ml.p5.48xlarge").gpuModel());
    }

    @Test
    void trainiumIsAnAcceleratorButNotAGpu() {
        InstanceType trn = InstanceCatalog.require("ml.trn1.32xlarge");
        assertEquals(0, trn.gpus());
        assertEquals("AWS Trainium", trn.accelerator());
        assertTrue(trn.hasNonGpuAccelerator());
        assertFalse(InstanceCatalog.require("ml.p3.2xlarge").hasNonGpuAccelerator());
    }

    @Test
    void everyRowIsConsistent() {
        for (InstanceType t : InstanceCatalog.all()) {
            assertTrue(t.name().startsWith("ml." + t.family() + "."), t.name());
            assertTrue(t.vcpus() > 0 && t.memoryGiB() > 0, t.name());
            assertEquals(t.gpus() > 0, t.gpuModel() != null, t.name());
            assertEquals(t.gpus() > 0, t.gpuMemoryGiBPerGpu() > 0, t.name());
            if (t.gpus() > 0) {
                assertTrue(t.accelerator().endsWith(t.gpuModel()) || t.accelerator().startsWith("NVIDIA"), t.name());
            }
        }
    }

    @Test
    void unknownNames() {
        assertTrue(InstanceCatalog.find("ml.fake.xlarge").isEmpty());
        assertTrue(InstanceCatalog.find(null).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> InstanceCatalog.require("m5.large"));
    }
}
