package dev.kiln.containers.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Finding and removing the containers and networks Kiln left on an engine. */
final class Containers {
    private Containers() {}

    static void removeQuietly(DockerClient client, String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (DockerException e) {
            // already gone, or being removed by the engine
        }
    }

    static void removeNetworkQuietly(DockerClient client, String networkId) {
        try {
            client.removeNetworkCmd(networkId).exec();
        } catch (DockerException e) {
            // already gone, or still used by a container kept for debugging
        }
    }

    /** Every container of the Kiln home, running or not. */
    static List<Container> ofHome(DockerClient client, Path kilnHome) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(KilnLabels.HOME, KilnLabels.home(kilnHome))).exec();
    }

    /** Every container of one job of the home. */
    static List<Container> ofJob(DockerClient client, Path kilnHome, String job) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(KilnLabels.HOME, KilnLabels.home(kilnHome), KilnLabels.JOB, job)).exec();
    }

    static List<Network> networksOfHome(DockerClient client, Path kilnHome) {
        return client.listNetworksCmd().withFilter("label", List.of(KilnLabels.HOME + "=" + KilnLabels.home(kilnHome))).exec();
    }

    /**
     * Removes the home's containers and networks whose job is not in {@code runningJobs}. A container
     * kept for debugging is stopped but stays; so does the network it uses.
     *
     * @return how many containers were removed or stopped
     */
    static int removeOrphans(DockerClient client, Path kilnHome, Set<String> runningJobs) {
        int n = 0;
        for (Container c : ofHome(client, kilnHome)) {
            String job = c.getLabels() == null ? null : c.getLabels().get(KilnLabels.JOB);
            if (job == null || runningJobs.contains(job)) {
                continue;
            }
            if (c.getLabels().containsKey(KilnLabels.KEEP)) {
                if ("running".equals(c.getState())) {
                    try {
                        client.killContainerCmd(c.getId()).exec();
                        client.waitContainerCmd(c.getId()).exec(new WaitContainerResultCallback())
                                .awaitStatusCode(10, TimeUnit.SECONDS);
                        n++;
                    } catch (RuntimeException e) {
                        // it ended meanwhile, or would not stop in time: the next start tries again
                    }
                }
                continue;
            }
            removeQuietly(client, c.getId());
            n++;
        }
        for (Network net : networksOfHome(client, kilnHome)) {
            String job = net.getLabels() == null ? null : net.getLabels().get(KilnLabels.JOB);
            if (job != null && !runningJobs.contains(job)) {
                removeNetworkQuietly(client, net.getId());
            }
        }
        return n;
    }
}
