package dev.kiln.bench.gnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --job} with {@code --max-seconds}: a run cut into time-boxed pieces (a lent machine's command limit) resumes
 * from its checkpoint and ends where one uninterrupted run ends, and its RESULT line covers the whole job.
 */
class KgeBenchmarkTest {
    private static final String HP = "num-hidden=16,num-epochs=4,batch-size=256,num-negs=16,early-stopping-window=0";

    @TempDir
    Path tmp;

    @Test
    void aTimeBoxedJobResumesAndEndsAsAnUninterruptedOne() throws Exception {
        Path data = Path.of("..", "..", "shared", "data", "kg", "nations").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(data.resolve("train.txt")), "knowledge-graph data not found at " + data);
        String whole = run(data, "--job", "whole");
        // A time box of a millisecond stops the job after each piece's first epoch.
        String first = run(data, "--job", "boxed", "--max-seconds", "0.001");
        assertTrue(first.contains("TIMEBOX stopped after epoch 1"), first);
        String second = run(data, "--job", "boxed", "--max-seconds", "0.001");
        assertTrue(second.contains("resuming after epoch 1"), second);
        assertTrue(second.contains("TIMEBOX stopped after epoch 2"), second);
        String last = run(data, "--job", "boxed");
        assertTrue(last.contains("resuming after epoch 2"), last);
        assertEquals(field(whole, "test_mrr"), field(last, "test_mrr"));
        assertEquals(field(whole, "best_valid_mrr"), field(last, "best_valid_mrr"));
        assertEquals(field(whole, "best_epoch"), field(last, "best_epoch"));
        assertEquals("4", field(last, "epochs"), "the whole job's epochs, from its model.json");
    }

    private String run(Path data, String... extra) throws Exception {
        String[] base = {"--model", "distmult", "--data", data.toString(), "--threads", "1", "--work", tmp.toString(),
                "--hp", HP};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            KgeBenchmark.main(args);
        } finally {
            System.setOut(out);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static String field(String output, String name) {
        Matcher m = Pattern.compile("^RESULT .* " + Pattern.quote(name) + "=(\\S+)", Pattern.MULTILINE).matcher(output);
        assertTrue(m.find(), "no " + name + " in\n" + output);
        return m.group(1);
    }
}
