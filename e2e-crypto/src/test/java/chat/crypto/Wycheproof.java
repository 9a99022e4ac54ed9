package chat.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Loads the pinned Wycheproof vector files from {@code src/test/resources/wycheproof/} for the
 * vector tests: one {@link TestFile} per JSON file, one {@link TestCase} per vector, flattened over
 * the test groups.
 */
public final class Wycheproof {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private Wycheproof() {}

  /** The expected result of a vector. */
  public enum Result {
    VALID,
    INVALID,
    ACCEPTABLE
  }

  /** One file: its declared {@code numberOfTests} and every vector of every group, in order. */
  public record TestFile(String name, int numberOfTests, List<TestCase> tests) {}

  /** One vector with the group it belongs to (keys and sizes live in the group). */
  public record TestCase(JsonNode group, JsonNode test) {
    /** The vector's {@code tcId}. */
    public int tcId() {
      return test.get("tcId").asInt();
    }

    /** The vector's expected result. */
    public Result result() {
      String result = test.get("result").asText();
      return switch (result) {
        case "valid" -> Result.VALID;
        case "invalid" -> Result.INVALID;
        case "acceptable" -> Result.ACCEPTABLE;
        default -> throw new IllegalStateException("unknown Wycheproof result " + result);
      };
    }

    /** A hex field of the vector, decoded. */
    public byte[] bytes(String field) {
      return hex(test, field);
    }

    /** An int field of the group, such as {@code keySize}. */
    public int groupInt(String field) {
      return required(group, field).asInt();
    }

    /** A label for failure messages: tcId, result, flags and comment. */
    public String tag() {
      return "tcId "
          + tcId()
          + " ("
          + test.get("result").asText()
          + ", flags "
          + test.path("flags")
          + ", \""
          + test.path("comment").asText()
          + "\")";
    }
  }

  /** Decodes the hex string {@code node.field}. */
  public static byte[] hex(JsonNode node, String field) {
    return HEX.parseHex(required(node, field).asText());
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw new IllegalStateException("vector has no field " + field);
    }
    return value;
  }

  /** Loads {@code wycheproof/<name>} from the test class path. */
  public static TestFile load(String name) {
    JsonNode root;
    try (InputStream in = Wycheproof.class.getResourceAsStream("/wycheproof/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource wycheproof/" + name);
      }
      root = MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<TestCase> tests = new ArrayList<>();
    for (JsonNode group : required(root, "testGroups")) {
      for (JsonNode test : required(group, "tests")) {
        tests.add(new TestCase(group, test));
      }
    }
    return new TestFile(name, required(root, "numberOfTests").asInt(), List.copyOf(tests));
  }
}
