package dev.kiln.api.neptune;

/** A model produced by a model-training job. */
public record MlConfigDefinition(String name, String arn) {}
