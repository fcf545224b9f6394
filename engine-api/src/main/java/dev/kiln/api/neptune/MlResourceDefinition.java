package dev.kiln.api.neptune;

/** One step of a Neptune ML job (processing, HPO, transform) as the status call reports it. */
public record MlResourceDefinition(String name, String arn, String status, String outputLocation,
        String failureReason, String cloudwatchLogUrl) {

    public static MlResourceDefinition of(String name, String arn, String status, String outputLocation, String failureReason) {
        return new MlResourceDefinition(name, arn, status, outputLocation, failureReason, null);
    }
}
