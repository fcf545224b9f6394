package dev.kiln.bench.hpo;

import dev.kiln.hpo.sampler.BayesianSampler;
import dev.kiln.hpo.sampler.Direction;
import dev.kiln.hpo.sampler.Observation;
import dev.kiln.hpo.sampler.RandomSampler;
import dev.kiln.hpo.sampler.Trial;
import dev.kiln.hpo.sampler.gp.GpFitter;
import dev.kiln.hpo.sampler.gp.GpHyperparameters;
import dev.kiln.hpo.space.SearchSpace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Cost of Bayesian suggestions on Hartmann6 (6 dimensions) with 100 or 500 observations.
 * <ul>
 * <li>{@code suggest}: one ask with the observations unchanged since the last fit (the factor is reused): the
 *     acquisition search.</li>
 * <li>{@code tellAndSuggest}: a new observation, then an ask, as in a running tuning job: extending the factor, and
 *     the hyperparameter refit every time the data have grown by 5% (the sampler is reset to the starting
 *     observations before each measurement iteration, so refits are included at their real rate).</li>
 * <li>{@code refit}: the hyperparameter fit alone (BOBYQA on at most 200 observations, as the sampler does).</li>
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BayesianSuggestBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BayesianSuggestBenchmark {
    @Param({"100", "500"})
    public int observations;

    private RandomSampler source;
    private BayesianSampler sampler;
    private double[][] fitX;
    private double[] fitY;
    private GpHyperparameters fitted;
    private GpFitter fitter;

    @Setup(Level.Iteration)
    public void setUp() {
        SearchSpace space = TestFunctions.HARTMANN6.space();
        source = new RandomSampler(space, Direction.MINIMIZE, 1);
        List<Observation> prior = new ArrayList<>();
        for (int i = 0; i < observations; i++) {
            prior.add(evaluateNext());
        }
        sampler = new BayesianSampler(space, Direction.MINIMIZE, 7);
        sampler.warmStart(prior);
        // The first ask fits the hyperparameters and factors the kernel matrix.
        sampler.tellFailed(sampler.ask().id());
        fitted = sampler.hyperparameters();

        int m = Math.min(observations, 200);
        fitX = new double[m][];
        fitY = new double[m];
        double mean = prior.stream().limit(m).mapToDouble(Observation::objective).average().orElse(0);
        for (int i = 0; i < m; i++) {
            fitX[i] = space.encode(prior.get(i).configuration());
            fitY[i] = prior.get(i).objective() - mean;
        }
        fitter = new GpFitter(space.coordinateRanges(), space.ranges().size());
    }

    private Observation evaluateNext() {
        Trial t = source.ask();
        double value = TestFunctions.HARTMANN6.objective().applyAsDouble(t.configuration());
        source.tell(t.id(), value);
        return new Observation(t.configuration(), value);
    }

    @Benchmark
    public Trial suggest() {
        Trial t = sampler.ask();
        sampler.tellFailed(t.id()); // keeps the observation count, so no refit happens inside the measurement
        return t;
    }

    @Benchmark
    public Trial tellAndSuggest() {
        sampler.warmStart(List.of(evaluateNext()));
        Trial t = sampler.ask();
        sampler.tellFailed(t.id());
        return t;
    }

    @Benchmark
    public GpHyperparameters refit() {
        return fitter.fit(fitX, fitY, fitted, 1, 400, new SplittableRandom(3));
    }
}
