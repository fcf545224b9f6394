/**
 * Kiln's API layer: request and response records with the AWS wire names ({@code training},
 * {@code common}), the Jackson configuration ({@code json}), AWS-shaped errors ({@code error}),
 * request validation ({@code validation}), the instance catalog ({@code instance}) and the
 * in-process algorithm SPI ({@code algorithm}). It depends on Jackson alone.
 */
package dev.kiln.api;
