/**
 * engine-gnn's hot loops written for three compute backends (plain Java, ND4J CPU, DJL with PyTorch CPU), with
 * the shared workloads they run on; measured by {@code BackendHotLoopBenchmark}, results in docs/performance.md.
 * Benchmarks only: engine-gnn itself depends on none of these libraries.
 */
package dev.kiln.bench.gnn.backend;
