package dev.kiln.api.neptune;

/** Where a custom model's Python module is, and its entry points. */
public record CustomModelTrainingParameters(String sourceS3DirectoryPath, String trainingEntryPointScript,
        String transformEntryPointScript) {

    public CustomModelTrainingParameters withDefaults() {
        return new CustomModelTrainingParameters(sourceS3DirectoryPath,
                trainingEntryPointScript == null ? "training.py" : trainingEntryPointScript,
                transformEntryPointScript == null ? "transform.py" : transformEntryPointScript);
    }
}
