package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heterogeneous processing of the scholars sample (samples/neptune/heterogeneous) and its bad-input variants. */
class HeterogeneousProcessingIT extends ScholarsFixture {
    private Path copy() throws IOException {
        return copySample("graph");
    }

    private String run(Path in) {
        return run(in, "training-data-configuration.json");
    }

    private String run(Path in, String configFileName) {
        service.startDataProcessing(NeptuneJson.parse("{\"id\": \"h\", \"inputDataS3Location\": \"" + NeptuneFixtures.uri(in)
                + "\", \"processedDataS3Location\": \"" + NeptuneFixtures.uri(tmp.resolve("out"))
                + "\", \"configFileName\": \"" + configFileName + "\"}", StartMLDataProcessingJobRequest.class));
        var status = service.getDataProcessing("h");
        return status.status().equals("Completed") ? "Completed" : status.processingJob().failureReason();
    }

    @Test
    void sampleGraphBecomesIdsFeaturesLabelsAndEdges() throws Exception {
        assertEquals("Completed", run(copy()), "modelType defaults to heterogeneous when the configuration exists");
        Path out = tmp.resolve("out");
        assertEquals(60, Files.readAllLines(out.resolve("nodes/person/ids.tsv")).size());
        List<String> features = Files.readAllLines(out.resolve("nodes/person/person.features.tsv"));
        assertEquals("index\tage#0\tage#1\tage#2\tage#3\tage#4", features.get(0));
        List<String> venue = Files.readAllLines(out.resolve("nodes/venue/venue.features.tsv"));
        assertTrue(venue.get(0).startsWith("index\tname=Venue 0"), venue.get(0));
        assertTrue(venue.get(0).endsWith("\tsince"), "auto on an Int column is numerical: " + venue.get(0));
        List<String> labels = Files.readAllLines(out.resolve("nodes/person/person.field.labels.tsv"));
        assertEquals(54, labels.size(), "six people have no field label");
        assertTrue(labels.stream().anyMatch(l -> l.endsWith("\ttest")));
        assertTrue(Files.readAllLines(out.resolve("edges/person_wrote_paper.tsv")).stream().allMatch(l -> l.endsWith("\ttrain")),
                "no link_prediction label in this configuration: every edge is train");
        JsonNode schema = NeptuneJson.mapper().readTree(out.resolve("graph-schema.json").toFile());
        assertEquals(120, schema.get("node_types").get("paper").get("count").asInt());
        assertEquals(1, schema.get("tasks").size());
        assertTrue(Files.isRegularFile(out.resolve("train_instance_recommendation.json")));
    }

    @Test
    void linkPredictionConfigurationSplitsTheTargetEdgesOnly() throws Exception {
        assertEquals("Completed", run(copy(), "link-prediction.json"));
        Path out = tmp.resolve("out");
        List<String> wrote = Files.readAllLines(out.resolve("edges/person_wrote_paper.tsv"));
        assertTrue(wrote.stream().anyMatch(l -> l.endsWith("\tvalidation")), "link_prediction split");
        assertTrue(Files.readAllLines(out.resolve("edges/paper_published_in_venue.tsv")).stream().allMatch(l -> l.endsWith("\ttrain")));
        JsonNode tasks = NeptuneJson.mapper().readTree(out.resolve("graph-schema.json").toFile()).get("tasks");
        assertEquals(1, tasks.size());
        assertEquals("link_prediction", tasks.get(0).get("task").asText());
        assertFalse(Files.exists(out.resolve("nodes/person/person.field.labels.tsv")));
    }

    @Test
    void incrementalProcessingKeepsNodeIds() throws Exception {
        Path in = copy();
        assertEquals("Completed", run(in));
        List<String> before = Files.readAllLines(tmp.resolve("out/nodes/person/ids.tsv"));
        // The updated export: a new person first in the file, and p0 gone.
        String people = Files.readString(in.resolve("person.csv"));
        String header = people.substring(0, people.indexOf('\n') + 1);
        Files.writeString(in.resolve("person.csv"), header + "p100,Person 100,33,person,graphs\n"
                + people.substring(header.length()).replaceFirst("p0,[^\n]*\n", ""));
        Files.writeString(in.resolve("wrote.csv"), String.join("\n", Files.readAllLines(in.resolve("wrote.csv")).stream()
                .filter(l -> !l.contains(",p0,")).toList()) + "\n");
        service.startDataProcessing(NeptuneJson.parse("{\"id\": \"h2\", \"previousDataProcessingJobId\": \"h\", "
                + "\"inputDataS3Location\": \"" + NeptuneFixtures.uri(in) + "\", \"processedDataS3Location\": \""
                + NeptuneFixtures.uri(tmp.resolve("out2")) + "\"}", StartMLDataProcessingJobRequest.class));
        assertEquals("Completed", service.getDataProcessing("h2").status(), service.getDataProcessing("h2").processingJob().failureReason());
        List<String> after = Files.readAllLines(tmp.resolve("out2/nodes/person/ids.tsv"));
        assertEquals(before, after.subList(0, before.size()), "old ids unchanged");
        assertEquals("60\tp100", after.get(60));
    }

    @Test
    void missingLabelColumnFails() throws Exception {
        Path in = copy();
        Path config = in.resolve("training-data-configuration.json");
        Files.writeString(config, Files.readString(config).replace("\"field\"", "\"topic\""));
        String reason = run(in);
        assertTrue(reason.contains("person.csv:1") && reason.contains("'topic' does not exist"), reason);
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void danglingEdgeFails() throws Exception {
        Path in = copy();
        Files.writeString(in.resolve("wrote.csv"), Files.readString(in.resolve("wrote.csv")) + "wx,p999,q1,wrote\n");
        String reason = run(in);
        int line = Files.readAllLines(in.resolve("wrote.csv")).size();
        assertTrue(reason.contains("wrote.csv:" + line) && reason.contains("p999"), reason);
    }

    @Test
    void unknownPropertyTypeFails() throws Exception {
        Path in = copy();
        Files.writeString(in.resolve("venue.csv"), Files.readString(in.resolve("venue.csv")).replace("since:Int", "since:Year"));
        String reason = run(in);
        assertTrue(reason.contains("venue.csv:1") && reason.contains("Year"), reason);
    }

    @Test
    void nonNumericValueInNumericalFeatureFails() throws Exception {
        Path in = copy();
        Files.writeString(in.resolve("paper.csv"), Files.readString(in.resolve("paper.csv")).replaceFirst(",2000,", ",soon,"));
        String reason = run(in);
        assertTrue(reason.contains("paper.csv:2") && reason.contains("soon"), reason);
    }
}
