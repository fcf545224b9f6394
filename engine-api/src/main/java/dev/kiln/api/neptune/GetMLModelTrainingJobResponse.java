package dev.kiln.api.neptune;

import java.util.List;

/** Status of a model-training job and of its processing, HPO and transform steps. */
public record GetMLModelTrainingJobResponse(String status, String id, MlResourceDefinition processingJob,
        MlResourceDefinition hpoJob, MlResourceDefinition modelTransformJob, List<MlConfigDefinition> mlModels) {}
