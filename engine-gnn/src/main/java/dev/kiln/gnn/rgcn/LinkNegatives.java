package dev.kiln.gnn.rgcn;

/**
 * How a link-prediction step draws and weighs negatives: {@code numNegs} uniform entities shared by each
 * chunk of {@code chunkSize} positives (1: every positive draws its own), replacing the chunk's heads or
 * its tails, weighed uniformly or, with {@code adversarialTemperature > 0}, by the softmax of their
 * scores times it (see {@link DistMultObjective}).
 */
public record LinkNegatives(int numNegs, int chunkSize, double adversarialTemperature) {
    public LinkNegatives {
        if (numNegs < 1 || chunkSize < 1 || !(adversarialTemperature >= 0)) {
            throw new IllegalArgumentException("negatives " + numNegs + " per chunk of " + chunkSize
                    + ", adversarial temperature " + adversarialTemperature);
        }
    }

    /** {@code numNegs} negatives of its own per positive, weighed uniformly. */
    public static LinkNegatives perPositive(int numNegs) {
        return new LinkNegatives(numNegs, 1, 0);
    }
}
