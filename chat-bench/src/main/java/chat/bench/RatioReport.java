package chat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Reads a JMH JSON result ({@code -rf json -rff FILE}) and prints, as a Markdown table, each
 * composite operation beside the sum of the primitives it is made of, from the same run, with the
 * ratio and whether it meets its target.
 *
 * <p>Usage: {@code java -cp benchmarks.jar chat.bench.RatioReport results.json}
 */
public final class RatioReport {
  /** Largest acceptable ratio for seal and open. */
  static final double TARGET = 1.15;

  private final Map<String, Double> microseconds = new HashMap<>();

  private RatioReport(JsonNode results) {
    for (JsonNode result : results) {
      String name = result.get("benchmark").asText();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      JsonNode params = result.get("params");
      if (params != null && params.has("recipients")) {
        name += "[" + params.get("recipients").asText() + "]";
      }
      JsonNode metric = result.get("primaryMetric");
      microseconds.put(
          name, toMicros(metric.get("score").asDouble(), metric.get("scoreUnit").asText()));
    }
  }

  private static double toMicros(double score, String unit) {
    return switch (unit) {
      case "ns/op" -> score / 1000;
      case "us/op" -> score;
      case "ms/op" -> score * 1000;
      case "s/op" -> score * 1_000_000;
      default -> throw new IllegalArgumentException("unsupported unit " + unit);
    };
  }

  /** Prints the table for the JSON file named by {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: RatioReport JMH_RESULT.json");
      System.exit(1);
    }
    JsonNode results = new ObjectMapper().readTree(Files.readString(Path.of(args[0])));
    new RatioReport(results).print(System.out);
  }

  private double get(String name) {
    Double value = microseconds.get(name);
    if (value == null) {
      throw new IllegalArgumentException("result file lacks " + name);
    }
    return value;
  }

  private void print(PrintStream out) {
    out.println("| operation | measured | same-run baseline | baseline made of | ratio | target |");
    out.println("|---|---:|---:|---|---:|---|");
    double wrap = get("PrimitiveBenchmark.rsaOaepWrap");
    double unwrap = get("PrimitiveBenchmark.rsaOaepUnwrap");
    double sign = get("PrimitiveBenchmark.ed25519Sign");
    double verify = get("PrimitiveBenchmark.ed25519Verify");
    double gcmSeal = get("PrimitiveBenchmark.aesGcmSeal");
    double gcmOpen = get("PrimitiveBenchmark.aesGcmOpen");
    double leafHash = microseconds.getOrDefault("PrimitiveBenchmark.sha256Leaf", Double.NaN);
    for (String n : recipientCounts()) {
      int wraps = Integer.parseInt(n) + 1;
      row(
          out,
          "seal 1 KiB to " + n + " (+ sender)",
          get("EnvelopeBenchmark.seal[" + n + "]"),
          wraps * wrap + sign + gcmSeal,
          wraps + " wraps + 1 sign + GCM",
          true);
      row(
          out,
          "open (" + n + " recipients)",
          get("EnvelopeBenchmark.open[" + n + "]"),
          unwrap + verify + gcmOpen,
          "1 unwrap + 1 verify + GCM",
          true);
      row(
          out,
          "relay verify + split (" + n + ")",
          get("EnvelopeBenchmark.relayVerifyAndSplit[" + n + "]"),
          verify,
          "1 verify",
          false);
      rowIfMeasured(
          out,
          "EnvelopeBenchmark.relayParseAndVerify[" + n + "]",
          "relay parse + verify, forms (" + n + ")",
          () -> verify + wraps * leafHash,
          "1 verify + " + wraps + " leaf hashes");
      rowIfMeasured(
          out,
          "EnvelopeBenchmark.relayWriteForms[" + n + "]",
          "relay writes each member's form (" + n + ")",
          () -> get("EnvelopeBenchmark.copyFormBytes[" + n + "]"),
          "the same bytes copied");
      String cutOne = "EnvelopeBenchmark.relayCutOneForm[" + n + "]";
      if (microseconds.containsKey(cutOne)) {
        rowIfMeasured(
            out,
            "EnvelopeBenchmark.relayLayOutAllForms[" + n + "]",
            "relay history, first read: every form (" + n + ")",
            () -> get(cutOne),
            "parse + the reader's form only");
      }
    }
    if (microseconds.containsKey("KeyFileBenchmark.keyFileOpen")) {
      row(
          out,
          "key file unlock",
          get("KeyFileBenchmark.keyFileOpen"),
          get("KeyFileBenchmark.argon2id"),
          "1 Argon2id (64 MiB, t=3, p=4)",
          false);
    }
    if (microseconds.containsKey("FileStreamBenchmark.encryptStream")) {
      double raw = get("FileStreamBenchmark.rawAesGcmChunks");
      row(
          out,
          "file stream encrypt 16 MiB",
          get("FileStreamBenchmark.encryptStream"),
          raw,
          "raw AES-GCM, 64 KiB chunks",
          false);
      row(
          out,
          "file stream decrypt 16 MiB",
          get("FileStreamBenchmark.decryptStream"),
          raw,
          "raw AES-GCM, 64 KiB chunks",
          false);
      out.printf(
          Locale.ROOT,
          "%nFile stream throughput: encrypt %.0f MB/s, decrypt %.0f MB/s, "
              + "raw AES-GCM %.0f MB/s.%n",
          mbPerSecond(get("FileStreamBenchmark.encryptStream")),
          mbPerSecond(get("FileStreamBenchmark.decryptStream")),
          mbPerSecond(raw));
    }
  }

  private static double mbPerSecond(double micros) {
    return (FileStreamBenchmark.FILE_BYTES / 1e6) / (micros / 1e6);
  }

  private List<String> recipientCounts() {
    List<String> counts = new ArrayList<>();
    for (String name : microseconds.keySet()) {
      if (name.startsWith("EnvelopeBenchmark.seal[")) {
        counts.add(name.substring(name.indexOf('[') + 1, name.length() - 1));
      }
    }
    counts.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    return counts;
  }

  /**
   * A row for {@code name} against {@code baseline} if the results hold it: a result file from an
   * older benchmark jar, or a run of only some benchmarks, may not.
   */
  private void rowIfMeasured(
      PrintStream out, String name, String operation, DoubleSupplier baseline, String madeOf) {
    if (microseconds.containsKey(name)) {
      row(out, operation, get(name), baseline.getAsDouble(), madeOf, false);
    }
  }

  private static void row(
      PrintStream out,
      String operation,
      double measured,
      double baseline,
      String madeOf,
      boolean targeted) {
    double ratio = measured / baseline;
    String verdict = targeted ? (ratio <= TARGET ? "<= 1.15x: met" : "<= 1.15x: MISSED") : "–";
    out.printf(
        Locale.ROOT,
        "| %s | %s | %s | %s | %.2fx | %s |%n",
        operation,
        format(measured),
        format(baseline),
        madeOf,
        ratio,
        verdict);
  }

  private static String format(double micros) {
    return micros >= 10_000
        ? String.format(Locale.ROOT, "%.1f ms", micros / 1000)
        : String.format(Locale.ROOT, "%.1f µs", micros);
  }
}
