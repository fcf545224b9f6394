package dev.kiln.containers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerSettingsTest {
    @Test
    void defaults() {
        DockerSettings s = DockerSettings.from(Map.of());
        assertNull(s.host());
        assertEquals("invoker", s.user());
        assertEquals(DockerSettings.CpuMode.QUOTA, s.cpuMode());
        assertEquals(0, s.shmBytes());
        assertTrue(s.pull());
        assertEquals(Duration.ofSeconds(1800), s.pullTimeout());
    }

    @Test
    void invalidValuesAreRejectedWithTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerSettings.from(Map.of("kiln.docker.cpus", "all")))
                .getMessage().contains("kiln.docker.cpus"));
        assertThrows(IllegalArgumentException.class, () -> DockerSettings.from(Map.of("kiln.docker.user", "bob")));
        assertThrows(IllegalArgumentException.class, () -> DockerSettings.from(Map.of("kiln.docker.pull", "always")));
        assertEquals("1000:1000", DockerSettings.from(Map.of("kiln.docker.user", "1000:1000")).user());
    }

    @Test
    void endpointPrefersKilnSettingThenDockerHost() {
        DockerSettings configured = DockerSettings.from(Map.of("kiln.docker.host", "tcp://10.0.0.5:2375"));
        assertEquals(new DockerEndpoint(URI.create("tcp://10.0.0.5:2375"), "kiln.docker.host"),
                DockerEndpoint.discover(configured, Map.of("DOCKER_HOST", "unix:///elsewhere.sock")));
        assertEquals(new DockerEndpoint(URI.create("unix:///elsewhere.sock"), "DOCKER_HOST"),
                DockerEndpoint.discover(DockerSettings.from(Map.of()), Map.of("DOCKER_HOST", "unix:///elsewhere.sock")));
    }
}
