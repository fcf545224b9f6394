package dev.kiln.server.neptune;

/**
 * What data processing wrote under processedDataS3Location, and the training instance it recommends.
 *
 * @param modelType            kge or heterogeneous
 * @param recommendedInstanceType the training instance type recommended for this graph
 * @param recommendedVolumeSizeInGB the training volume recommended (input, model and checkpoints)
 */
record ProcessedGraph(String modelType, String location, int entities, int relations, int trainTriples,
        int validationTriples, int testTriples, String recommendedInstanceType, int recommendedVolumeSizeInGB) {

    int triples() {
        return trainTriples + validationTriples + testTriples;
    }
}
