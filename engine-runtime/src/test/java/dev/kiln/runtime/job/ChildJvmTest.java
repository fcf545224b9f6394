package dev.kiln.runtime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The algorithm JVM's Vector API module: on by default (every JDK from 16 has it), off with kiln.vector=false. */
class ChildJvmTest {
    @Test
    void addsTheVectorModuleUnlessConfiguredOff() {
        String before = System.getProperty("kiln.vector");
        try {
            System.clearProperty("kiln.vector");
            assertEquals(List.of("--add-modules", "jdk.incubator.vector"), ChildJvm.vectorModule());
            System.setProperty("kiln.vector", "false");
            assertEquals(List.of(), ChildJvm.vectorModule());
        } finally {
            if (before == null) {
                System.clearProperty("kiln.vector");
            } else {
                System.setProperty("kiln.vector", before);
            }
        }
    }
}
