package dev.kiln.runtime.job;

import dev.kiln.runtime.config.KilnConfig;
import java.util.Locale;

/** ARNs in the service's form; the service lower-cases job names in ARNs. */
public final class Arns {
    private Arns() {}

    public static String trainingJob(KilnConfig config, String name) {
        return "arn:aws:sagemaker:" + config.region() + ":" + config.accountId() + ":training-job/" + name.toLowerCase(Locale.ROOT);
    }

    public static String tuningJob(KilnConfig config, String name) {
        return "arn:aws:sagemaker:" + config.region() + ":" + config.accountId() + ":hyper-parameter-tuning-job/"
                + name.toLowerCase(Locale.ROOT);
    }
}
