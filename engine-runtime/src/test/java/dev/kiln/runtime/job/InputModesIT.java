package dev.kiln.runtime.job;

import static dev.kiln.runtime.testing.TestJobs.addChannel;
import static dev.kiln.runtime.testing.TestJobs.request;
import static dev.kiln.runtime.testing.TestJobs.script;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input modes seen from inside a running job. */
class InputModesIT {
    @TempDir
    Path tmp;

    private Path seed(Path home) throws Exception {
        Path data = Files.createDirectories(home.resolve("s3/data-bucket/train"));
        Files.writeString(data.resolve("a.txt"), "alpha\n");
        Files.writeString(data.resolve("b.txt"), "beta\n");
        return data;
    }

    @Test
    void pipeModeStreamsEachEpochThroughItsOwnFifo() throws Exception {
        Path home = tmp.resolve("home");
        seed(home);
        Path prog = script(tmp, "train", """
                d="$SM_INPUT_DIR/data"
                [[ -p "$d/train_0" ]] || { echo "no fifo train_0" > "$SM_OUTPUT_DIR/failure"; exit 1; }
                cat "$d/train_0" > "$SM_MODEL_DIR/epoch0.txt"
                for i in $(seq 50); do [[ -p "$d/train_1" ]] && break; sleep 0.1; done
                cat "$d/train_1" > "$SM_MODEL_DIR/epoch1.txt"
                """);
        ObjectNode req = request("pipe-job", prog);
        ((ObjectNode) req.get("AlgorithmSpecification")).put("TrainingInputMode", "Pipe");
        addChannel(req, "train", "s3://data-bucket/train/");
        try (var service = TestJobs.service(home)) {
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("pipe-job", Duration.ofSeconds(60));
            assertEquals("Completed", r.status().name(), r.failureReason());
        }
        Path model = home.resolve("jobs/pipe-job/opt/ml/model");
        assertEquals("alpha\nbeta\n", Files.readString(model.resolve("epoch0.txt")));
        assertEquals("alpha\nbeta\n", Files.readString(model.resolve("epoch1.txt")));
    }

    @Test
    void fastFileLinksTheStoredObjectsAndFileModeCopiesThem() throws Exception {
        Path home = tmp.resolve("home");
        seed(home);
        Path prog = script(tmp, "train", """
                for f in "$SM_CHANNEL_FAST"/*.txt; do [[ -L "$f" ]] && echo link || echo copy; done > "$SM_MODEL_DIR/fast.txt"
                for f in "$SM_CHANNEL_COPY"/*.txt; do [[ -L "$f" ]] && echo link || echo copy; done > "$SM_MODEL_DIR/copy.txt"
                """);
        ObjectNode req = request("modes-job", prog);
        addChannel(req, "fast", "s3://data-bucket/train/").put("InputMode", "FastFile");
        addChannel(req, "copy", "s3://data-bucket/train/");
        try (var service = TestJobs.service(home)) {
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("modes-job", Duration.ofSeconds(60));
            assertEquals("Completed", r.status().name(), r.failureReason());
        }
        Path model = home.resolve("jobs/modes-job/opt/ml/model");
        assertEquals("link\nlink\n", Files.readString(model.resolve("fast.txt")));
        assertEquals("copy\ncopy\n", Files.readString(model.resolve("copy.txt")));
    }

    @Test
    void networkIsolationLeavesOnlyLoopback() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.kiln.runtime.exec.NetworkIsolation.prefix().isPresent(),
                "this machine allows no network namespaces (unshare): isolation cannot be applied here");
        Path home = tmp.resolve("home");
        Path prog = script(tmp, "train", """
                tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort > "$SM_MODEL_DIR/interfaces.txt"
                """);
        ObjectNode isolated = request("isolated-job", prog);
        isolated.put("EnableNetworkIsolation", true);
        ObjectNode open = request("open-job", prog);
        try (var service = TestJobs.service(home)) {
            service.create(toRequest(isolated), tmp);
            service.create(toRequest(open), tmp);
            assertEquals("Completed", service.awaitTerminal("isolated-job", Duration.ofSeconds(60)).status().name());
            assertEquals("Completed", service.awaitTerminal("open-job", Duration.ofSeconds(60)).status().name());
        }
        assertEquals("lo", Files.readString(home.resolve("jobs/isolated-job/opt/ml/model/interfaces.txt")).trim());
        org.junit.jupiter.api.Assertions.assertNotEquals("lo",
                Files.readString(home.resolve("jobs/open-job/opt/ml/model/interfaces.txt")).trim());
    }

    @Test
    void missingInputFailsTheJobAsAClientError() throws Exception {
        Path home = tmp.resolve("home");
        ObjectNode req = request("nodata-job", script(tmp, "train", "exit 0"));
        addChannel(req, "train", "s3://data-bucket/missing/");
        try (var service = TestJobs.service(home)) {
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("nodata-job", Duration.ofSeconds(60));
            assertEquals("Failed", r.status().name());
            assertEquals(true, r.failureReason().startsWith("ClientError:"), r.failureReason());
        }
    }
}
