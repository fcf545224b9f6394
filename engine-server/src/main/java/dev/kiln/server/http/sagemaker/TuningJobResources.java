package dev.kiln.server.http.sagemaker;

import dev.kiln.api.error.ResourceNotFoundException;
import dev.kiln.hpo.tuning.TuningJobRecord;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.tags.TaggableResources;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tuning jobs as taggable resources: {@code arn:aws:sagemaker:<region>:<account>:hyper-parameter-tuning-job/<name>}. */
final class TuningJobResources implements TaggableResources {
    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:sagemaker:([a-z0-9-]*):([0-9]{12}):hyper-parameter-tuning-job/(.+)");

    private final TuningJobService tuning;
    private final KilnConfig config;

    TuningJobResources(TuningJobService tuning, KilnConfig config) {
        this.tuning = tuning;
        this.config = config;
    }

    @Override
    public Optional<Resource> find(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches() || !m.group(1).equals(config.region()) || !m.group(2).equals(config.accountId())) {
            return Optional.empty();
        }
        try {
            TuningJobRecord job = tuning.record(m.group(3));
            return Optional.of(new Resource(job.arn(), job.request().tags()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}
