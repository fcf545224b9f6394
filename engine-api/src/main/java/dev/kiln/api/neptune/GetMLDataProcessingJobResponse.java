package dev.kiln.api.neptune;

/** Status of a data-processing job. */
public record GetMLDataProcessingJobResponse(String status, String id, MlResourceDefinition processingJob) {}
