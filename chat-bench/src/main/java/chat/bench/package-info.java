/**
 * JMH benchmarks of the crypto core, each composite operation beside the primitives it is made of,
 * measured in the same run; and {@link chat.bench.RatioReport}, which turns a JMH JSON result into
 * ratios against those same-run baselines.
 */
package chat.bench;
