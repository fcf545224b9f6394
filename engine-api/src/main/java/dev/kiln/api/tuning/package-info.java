/**
 * SageMaker's hyperparameter-tuning API shapes: CreateHyperParameterTuningJob, Describe, List, Stop
 * and ListTrainingJobsForHyperParameterTuningJob, as records with the service's wire names.
 */
package dev.kiln.api.tuning;
