package dev.kiln.runtime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileUrisTest {
    @Test
    void everyFileUriFormBecomesCanonical() {
        Path base = Path.of("/work/jobs");
        assertEquals("file:///work/jobs/data/train/", FileUris.absolute("file:data/train/", base));
        assertEquals("file:///data/x", FileUris.absolute("file:/data/x", base));
        assertEquals("file:///data/x", FileUris.absolute("file://localhost/data/x", base));
        assertEquals("file:///data/x", FileUris.absolute("file:///data/x", base));
        assertEquals("s3://b/k", FileUris.absolute("s3://b/k", base));
    }
}
