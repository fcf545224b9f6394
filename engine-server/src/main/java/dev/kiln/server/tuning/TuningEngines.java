package dev.kiln.server.tuning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.json.Json;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;

/** How the CLI opens the tuning engine, and the request rewrites its tuning commands offer. */
public final class TuningEngines {
    private TuningEngines() {}

    /** The engine for a CLI command: orchestrators run detached, so tuning jobs outlive the command. */
    public static TuningJobService open(KilnHome home) {
        return TuningJobService.open(home, KilnConfig.load(home), LaunchMode.DETACHED);
    }

    /** The request with another HyperParameterTuningJobName (handy for re-running a sample). */
    public static CreateHyperParameterTuningJobRequest withName(CreateHyperParameterTuningJobRequest r, String name) {
        ObjectNode tree = Json.mapper().valueToTree(r);
        tree.put("HyperParameterTuningJobName", name);
        return Json.mapper().convertValue(tree, CreateHyperParameterTuningJobRequest.class);
    }
}
