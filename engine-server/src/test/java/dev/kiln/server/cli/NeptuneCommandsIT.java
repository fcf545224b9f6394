package dev.kiln.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.error.KilnApiException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kiln neptune ...} end to end on the Kinship sample, with relative file: locations. */
class NeptuneCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLE = Path.of("../samples/neptune/kge-kinship").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    private Result kiln(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--home";
        full[args.length + 1] = tmp.resolve("home").toString();
        CommandLine kiln = new CommandLine(new KilnCommand());
        if (!kiln.getSubcommands().containsKey("neptune")) {
            kiln.addSubcommand(new NeptuneCommand()); // until KilnCommand lists it
        }
        kiln.setOut(new PrintWriter(out, true));
        kiln.setErr(new PrintWriter(err, true));
        kiln.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof KilnApiException api) {
                commandLine.getErr().println(api.errorCode() + ": " + api.getMessage());
                return ExitCodes.REJECTED;
            }
            throw ex;
        });
        int code = kiln.execute(full);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void kinshipSampleRunsThroughTheCommands() throws Exception {
        // The sample's input is a relative file: location, resolved against the request file's folder.
        Result started = kiln("neptune", "dataprocessing", "start", SAMPLE.resolve("dataprocessing.json").toString());
        assertEquals(0, started.code(), started.err());
        assertEquals("kinship-dp", JSON.readTree(started.out()).get("id").asText());
        JsonNode status = JSON.readTree(kiln("neptune", "dataprocessing", "status", "kinship-dp").out());
        assertEquals("Completed", status.get("status").asText(), status.toString());

        Result training = kiln("neptune", "modeltraining", "start", SAMPLE.resolve("modeltraining.json").toString(), "--wait");
        assertEquals(0, training.code(), training.out() + training.err());
        assertTrue(training.out().contains("\"modelTransformJob\""), training.out());
        JsonNode after = JSON.readTree(kiln("neptune", "modeltraining", "status", "kinship-transe").out());
        assertEquals("Completed", after.get("status").asText());
        assertEquals("Completed", after.get("hpoJob").get("status").asText());
        JsonNode list = JSON.readTree(kiln("neptune", "modeltraining", "list", "--max-items", "5").out());
        assertEquals("kinship-transe", list.get("ids").get(0).asText());
        assertTrue(Files.isRegularFile(tmp.resolve("home/s3/kiln-samples/neptune/kinship/model/entity_embeddings.bin")));

        Result missing = kiln("neptune", "modeltraining", "status", "nope");
        assertEquals(ExitCodes.REJECTED, missing.code());
        assertTrue(missing.err().startsWith("MLResourceNotFoundException"), missing.err());
        Result stop = kiln("neptune", "modeltraining", "stop", "kinship-transe", "--clean");
        assertEquals(0, stop.code(), stop.err());
        assertTrue(!Files.exists(tmp.resolve("home/s3/kiln-samples/neptune/kinship/model")));
    }
}
