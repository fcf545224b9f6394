package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.neptune.GetMLDataProcessingJobResponse;
import dev.kiln.api.neptune.NeptuneMlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataProcessingIT extends NeptuneServiceFixture {
    @Test
    void kinshipTriplesKeepTheirSplitsAndGetMappings() throws Exception {
        Path out = tmp.resolve("processed");
        service.startDataProcessing(NeptuneFixtures.dataProcessing("dp-kin", NeptuneFixtures.kinship(tmp.resolve("in")), out));
        GetMLDataProcessingJobResponse status = service.getDataProcessing("dp-kin");
        assertEquals("Completed", status.status(), String.valueOf(status.processingJob().failureReason()));
        assertEquals(lines(NeptuneFixtures.KINSHIP_SAMPLE.resolve("train/train.txt")), lines(out.resolve("train/train.tsv")));
        assertEquals(lines(NeptuneFixtures.KINSHIP_SAMPLE.resolve("validation/valid.txt")), lines(out.resolve("validation/validation.tsv")));
        assertEquals(lines(NeptuneFixtures.KINSHIP_SAMPLE.resolve("test/test.txt")), lines(out.resolve("test/test.tsv")));
        assertEquals(104, lines(out.resolve("entities.tsv")));
        assertEquals(25, lines(out.resolve("relations.tsv")));
        assertTrue(Files.readString(out.resolve("train_instance_recommendation.json")).contains("\"instance\""));
    }

    @Test
    void gremlinEdgesAreSplitByTheHashRule() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("gremlin"));
        StringBuilder edges = new StringBuilder("~id,~from,~to,~label,weight:Double\n");
        StringBuilder nodes = new StringBuilder("~id,~label,age:Int\n");
        for (int i = 0; i < 200; i++) {
            edges.append("e").append(i).append(",p").append(i % 20).append(",p").append((i * 7 + 3) % 20)
                    .append(",knows,0.5\n");
        }
        for (int i = 0; i < 21; i++) {
            nodes.append("p").append(i).append(",person,").append(20 + i).append('\n');
        }
        Files.writeString(in.resolve("edges.csv"), edges);
        Files.writeString(in.resolve("nodes.csv"), nodes);
        Path out = tmp.resolve("processed");
        service.startDataProcessing(NeptuneFixtures.dataProcessing("dp-g", in, out));
        assertEquals("Completed", service.getDataProcessing("dp-g").status());
        int train = lines(out.resolve("train/train.tsv"));
        int valid = lines(out.resolve("validation/validation.tsv"));
        int test = lines(out.resolve("test/test.tsv"));
        assertEquals(200, train + valid + test);
        int expectedTrain = 0;
        for (int i = 0; i < 200; i++) {
            expectedTrain += KgeDataProcessor.splitOf("e" + i) == 0 ? 1 : 0;
        }
        assertEquals(expectedTrain, train);
        assertTrue(train > 140 && valid > 5 && test > 5, train + "/" + valid + "/" + test);
        assertEquals(21, lines(out.resolve("entities.tsv")), "isolated vertex p20 is mapped too");
    }

    @Test
    void danglingEdgeFailsWithFileAndLine() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("dangling"));
        Files.writeString(in.resolve("nodes.csv"), "~id,~label\na,person\nb,person\n");
        Files.writeString(in.resolve("edges.csv"), "~id,~from,~to,~label\ne1,a,b,knows\ne2,a,zz,knows\n");
        Path out = tmp.resolve("processed");
        service.startDataProcessing(NeptuneFixtures.dataProcessing("dp-d", in, out));
        GetMLDataProcessingJobResponse status = service.getDataProcessing("dp-d");
        assertEquals("Failed", status.status());
        assertTrue(status.processingJob().failureReason().contains("edges.csv:3"), status.processingJob().failureReason());
        assertTrue(status.processingJob().failureReason().contains("zz"));
        assertFalse(Files.exists(out), "nothing half-written");
    }

    @Test
    void unknownPropertyTypeFailsWithFileAndLine() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("types"));
        Files.writeString(in.resolve("nodes.csv"), "~id,~label,age:Integer32\na,person,3\n");
        service.startDataProcessing(NeptuneFixtures.dataProcessing("dp-t", in, tmp.resolve("out")));
        String reason = service.getDataProcessing("dp-t").processingJob().failureReason();
        assertTrue(reason.contains("nodes.csv:1") && reason.contains("Integer32"), reason);
    }

    @Test
    void malformedTripleFailsWithFileAndLine() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("tsv"));
        Files.writeString(in.resolve("graph.tsv"), "a\tr\tb\nc\td\n");
        service.startDataProcessing(NeptuneFixtures.dataProcessing("dp-m", in, tmp.resolve("out")));
        String reason = service.getDataProcessing("dp-m").processingJob().failureReason();
        assertTrue(reason.contains("graph.tsv:2"), reason);
    }

    @Test
    void idsAreUniqueAndUnknownIdsAreNotFound() throws Exception {
        Path in = NeptuneFixtures.kinship(tmp.resolve("in"));
        service.startDataProcessing(NeptuneFixtures.dataProcessing("dp-1", in, tmp.resolve("o1")));
        NeptuneMlException e = assertThrows(NeptuneMlException.class,
                () -> service.startDataProcessing(NeptuneFixtures.dataProcessing("dp-1", in, tmp.resolve("o2"))));
        assertEquals("BadRequestException", e.errorCode());
        assertEquals("MLResourceNotFoundException",
                assertThrows(NeptuneMlException.class, () -> service.getDataProcessing("nope")).errorCode());
    }

    @Test
    void listIsNewestFirstAndStopWithCleanDeletesTheOutput() throws Exception {
        Path in = NeptuneFixtures.kinship(tmp.resolve("in"));
        for (int i = 0; i < 3; i++) {
            service.startDataProcessing(NeptuneFixtures.dataProcessing("dp-" + i, in, tmp.resolve("o" + i)));
            Thread.sleep(2); // distinct creation times
        }
        assertEquals(List.of("dp-2", "dp-1"), service.listDataProcessing(2).ids());
        assertEquals(3, service.listDataProcessing(null).ids().size());
        assertEquals("Completed", service.cancelDataProcessing("dp-0", true).status());
        assertFalse(Files.exists(tmp.resolve("o0")));
        assertNull(service.getDataProcessing("dp-0").processingJob().failureReason());
    }

    @Test
    void locationTheStoreCannotHoldIsInvalidParameter() throws Exception {
        NeptuneMlException e = assertThrows(NeptuneMlException.class, () -> service.startDataProcessing(
                dev.kiln.api.neptune.NeptuneJson.parse("{\"inputDataS3Location\": \"s3://x/in\", "
                        + "\"processedDataS3Location\": \"s3://kiln-test/out\"}",
                        dev.kiln.api.neptune.StartMLDataProcessingJobRequest.class)));
        assertEquals("InvalidParameterException", e.errorCode());
        assertTrue(e.getMessage().startsWith("inputDataS3Location"), e.getMessage());
        assertEquals(List.of(), service.listDataProcessing(null).ids(), "no job recorded");
    }

    private static int lines(Path f) throws Exception {
        return (int) Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
    }
}
