package chat.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the envelope test vectors, one JSON file per case of {@link EnvelopeVectorCases}, and
 * deletes any other {@code *.json} file in the output directory. The output depends only on the
 * fixed keys in {@link VectorKeys}, the fixed clock and the case names, so running it twice gives
 * identical bytes; {@code EnvelopeVectorsTest} checks that the checked-in files are current.
 *
 * <p>Usage (see {@code src/test/resources/vectors/README.md}): {@code EnvelopeVectorGenerator
 * [outputDirectory]}, by default {@value #DEFAULT_DIRECTORY} relative to the repository root.
 */
public final class EnvelopeVectorGenerator {
  /** Where the checked-in vectors live, relative to the repository root. */
  public static final String DEFAULT_DIRECTORY = "e2e-crypto/src/test/resources/vectors/envelope";

  private EnvelopeVectorGenerator() {}

  /** Writes the vectors to {@code args[0]}, or to {@link #DEFAULT_DIRECTORY}. */
  public static void main(String[] args) throws IOException {
    if (args.length > 1) {
      System.err.println("usage: EnvelopeVectorGenerator [outputDirectory]");
      System.exit(2);
    }
    Path directory = Path.of(args.length == 1 ? args[0] : DEFAULT_DIRECTORY);
    List<String> written = write(directory);
    System.out.println("wrote " + written.size() + " envelope vectors to " + directory);
  }

  /** Writes every vector into {@code directory}; returns the file names written. */
  static List<String> write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Map<String, EnvelopeVector> vectors = EnvelopeVectorCases.all();
    try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, "*.json")) {
      for (Path file : old) {
        String name = file.getFileName().toString();
        if (!vectors.containsKey(name.substring(0, name.length() - ".json".length()))) {
          Files.delete(file);
        }
      }
    }
    List<String> written = new ArrayList<>();
    for (Map.Entry<String, EnvelopeVector> vector : vectors.entrySet()) {
      String name = vector.getKey() + ".json";
      Files.writeString(
          directory.resolve(name), vector.getValue().toJson(), StandardCharsets.UTF_8);
      written.add(name);
    }
    return written;
  }
}
