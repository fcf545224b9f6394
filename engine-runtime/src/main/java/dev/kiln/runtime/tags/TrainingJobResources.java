package dev.kiln.runtime.tags;

import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Training jobs as taggable resources: {@code arn:aws:sagemaker:<region>:<account>:training-job/<name>}. */
public final class TrainingJobResources implements TaggableResources {
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:sagemaker:([a-z0-9-]*):([0-9]{12}):training-job/(.+)");

    private final TrainingJobService jobs;

    public TrainingJobResources(TrainingJobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public Optional<Resource> find(String arn) {
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            return Optional.empty();
        }
        KilnConfig config = jobs.config();
        String name = m.group(3);
        if (!m.group(1).equals(config.region()) || !m.group(2).equals(config.accountId()) || !jobs.exists(name)) {
            return Optional.empty();
        }
        // Names are unique case-insensitively and ARNs carry them lower-cased, so any spelling finds the
        // job and its tags live under the job's own ARN.
        TrainingJobRecord job = jobs.record(name);
        return Optional.of(new Resource(job.arn(), job.request().tags()));
    }
}
