package dev.kiln.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.instance.InstanceCatalog;
import dev.kiln.api.instance.InstanceType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln profiles} on a machine declared (through the home's config) as 4 cores, 16 GiB and no GPU. */
class ProfilesCommandIT {
    @TempDir
    Path tmp;
    Path home;

    @BeforeEach
    void smallMachine() throws Exception {
        home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.properties"), "kiln.host.cpus=4\nkiln.host.memory=16g\nkiln.host.gpus=none\n");
    }

    @Test
    void tableListsEveryCatalogTypeAndMarksTheScaledDownOnes() {
        ProfileCommands.Result r = ProfileCommands.kiln(home, "profiles");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("This machine: 4 CPU cores, 16 GiB memory, no NVIDIA GPU"), r.out());
        List<String> lines = r.out().lines().toList();
        for (InstanceType t : InstanceCatalog.all()) {
            boolean fits = t.vcpus() <= 4 && t.memoryGiB() <= 16 && t.gpus() == 0 && t.accelerator() == null;
            String marked = t.name() + (fits ? " " : " *");
            assertEquals(1, lines.stream().filter(l -> l.startsWith(marked + " ")).count(), marked + " in\n" + r.out());
        }
        String c5 = row(lines, "ml.c5.xlarge ");
        assertTrue(c5.matches("ml\\.c5\\.xlarge +4 +8 GiB +- +0\\.204 +4 +8 GiB +CPU only"), c5);
        String g5 = row(lines, "ml.g5.xlarge *");
        assertTrue(g5.matches("ml\\.g5\\.xlarge \\* +4 +16 GiB +1 x A10G 24 GiB +1\\.408 +4 +16 GiB +CPU only"), g5);
        String big = row(lines, "ml.c5.4xlarge *");
        assertTrue(big.matches("ml\\.c5\\.4xlarge \\* +16 +32 GiB +- +0\\.816 +4 +16 GiB +CPU only"), big);
        assertTrue(row(lines, "ml.g6.xlarge *").contains("~1.1267"), "estimates are marked");
    }

    @Test
    void jsonCarriesTheMappingOfEveryType() throws Exception {
        ProfileCommands.Result r = ProfileCommands.kiln(home, "profiles", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(4, doc.get("Host").get("CpuCores").asInt());
        assertEquals("us-east-1", doc.get("PriceRegion").asText());
        List<String> names = new ArrayList<>();
        doc.get("Profiles").forEach(p -> names.add(p.get("InstanceType").asText()));
        assertEquals(InstanceCatalog.all().stream().map(InstanceType::name).toList(), names);
        JsonNode g5 = find(doc, "ml.g5.12xlarge");
        assertEquals(4, g5.get("Gpus").asInt());
        assertEquals(7.09, g5.get("UsdPerHour").asDouble());
        assertFalse(g5.get("PriceEstimated").asBoolean());
        assertEquals(4, g5.get("CpuThreads").asInt());
        assertEquals(16.0, g5.get("MemoryLimitGiB").asDouble());
        assertEquals("CPU only", g5.get("Devices").asText());
        assertTrue(g5.get("ScaledDown").asBoolean());
        assertTrue(g5.get("Warnings").toString().contains("this machine has none: the job runs on CPU"), g5.toString());
        JsonNode small = find(doc, "ml.t3.medium");
        assertFalse(small.get("ScaledDown").asBoolean());
        assertEquals(2, small.get("CpuThreads").asInt());
    }

    private static String row(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix));
    }

    private static JsonNode find(JsonNode doc, String type) {
        for (JsonNode p : doc.get("Profiles")) {
            if (p.get("InstanceType").asText().equals(type)) {
                return p;
            }
        }
        throw new AssertionError(type);
    }
}
