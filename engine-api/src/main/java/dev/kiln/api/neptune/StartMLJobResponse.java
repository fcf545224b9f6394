package dev.kiln.api.neptune;

/** The answer to starting a data-processing or model-training job. */
public record StartMLJobResponse(String id, String arn, Long creationTimeInMillis) {}
