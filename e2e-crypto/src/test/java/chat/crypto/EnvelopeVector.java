package chat.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One checked-in envelope test vector: an encoded envelope, the identity that opens it, the claimed
 * sender's bundle and the outcome every implementation must reach. The JSON layout is described in
 * {@code src/test/resources/vectors/README.md}; {@link #toJson} writes it byte-for-byte
 * reproducibly (fixed key order, two-space indent, LF line ends).
 */
record EnvelopeVector(
    String description,
    Expect expect,
    Form form,
    Optional<Bytes> plaintext,
    String recipientUserId,
    long recipientCreatedAtMillis,
    Bytes recipientRsaPkcs8,
    Bytes recipientEd25519Seed,
    Bytes senderBundle,
    Bytes envelope) {

  /** The stage at which opening must stop, or {@code ok}. */
  enum Expect {
    OK,
    PARSE,
    AUTH,
    NO_MATCH;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Expect fromLabel(String label) {
      for (Expect expect : values()) {
        if (expect.label().equals(label)) {
          return expect;
        }
      }
      throw new IllegalArgumentException("unknown expect: " + label);
    }
  }

  /** Which encoding {@link #envelope} is, and so which parser reads it. */
  enum Form {
    FULL,
    PER_RECIPIENT;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Form fromLabel(String label) {
      for (Form form : values()) {
        if (form.label().equals(label)) {
          return form;
        }
      }
      throw new IllegalArgumentException("unknown form: " + label);
    }
  }

  private static final Set<String> TOP_FIELDS =
      Set.of("description", "expect", "form", "plaintext", "recipient", "senderBundle", "envelope");
  private static final Set<String> RECIPIENT_FIELDS =
      Set.of("userId", "createdAtMillis", "rsaPkcs8", "ed25519Seed");

  /** Checks that a plaintext is present exactly when the outcome is {@code ok}. */
  EnvelopeVector {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(expect, "expect");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(recipientUserId, "recipientUserId");
    Objects.requireNonNull(recipientRsaPkcs8, "recipientRsaPkcs8");
    Objects.requireNonNull(recipientEd25519Seed, "recipientEd25519Seed");
    Objects.requireNonNull(senderBundle, "senderBundle");
    Objects.requireNonNull(envelope, "envelope");
    if (plaintext.isPresent() != (expect == Expect.OK)) {
      throw new IllegalArgumentException("a plaintext is given exactly for expect ok");
    }
    if (!description.matches("[ -~]+") || !recipientUserId.matches("[ -~]+")) {
      throw new IllegalArgumentException("description and user id are printable ASCII");
    }
  }

  /** A vector opened by {@code recipient}, claimed to come from {@code sender}. */
  static EnvelopeVector of(
      String description,
      Expect expect,
      Form form,
      byte[] plaintext,
      IdentityKeyPair recipient,
      IdentityBundle sender,
      byte[] envelope) {
    return new EnvelopeVector(
        description,
        expect,
        form,
        expect == Expect.OK ? Optional.of(Bytes.of(plaintext)) : Optional.empty(),
        recipient.userId(),
        recipient.bundle().createdAtMillis(),
        Bytes.of(recipient.rsaPrivateKeyPkcs8()),
        Bytes.of(recipient.ed25519Seed()),
        Bytes.of(sender.encode()),
        Bytes.of(envelope));
  }

  /** The identity that opens the envelope, rebuilt from its keys. */
  IdentityKeyPair recipient() throws MalformedDataException {
    return IdentityKeyPair.fromKeys(
        recipientUserId,
        recipientCreatedAtMillis,
        recipientRsaPkcs8.toByteArray(),
        recipientEd25519Seed.toByteArray());
  }

  /** The JSON file content, ending in a newline. */
  String toJson() {
    StringBuilder out = new StringBuilder(envelope.length() * 2 + 8192);
    out.append("{\n");
    field(out, 1, "description", quote(description)).append(",\n");
    field(out, 1, "expect", quote(expect.label())).append(",\n");
    field(out, 1, "form", quote(form.label())).append(",\n");
    if (plaintext.isPresent()) {
      field(out, 1, "plaintext", quote(plaintext.get().hex())).append(",\n");
    }
    field(out, 1, "recipient", "{\n");
    field(out, 2, "userId", quote(recipientUserId)).append(",\n");
    field(out, 2, "createdAtMillis", Long.toString(recipientCreatedAtMillis)).append(",\n");
    field(out, 2, "rsaPkcs8", quote(recipientRsaPkcs8.hex())).append(",\n");
    field(out, 2, "ed25519Seed", quote(recipientEd25519Seed.hex())).append("\n");
    out.append("  },\n");
    field(out, 1, "senderBundle", quote(senderBundle.hex())).append(",\n");
    field(out, 1, "envelope", quote(envelope.hex())).append("\n");
    return out.append("}\n").toString();
  }

  private static StringBuilder field(StringBuilder out, int depth, String name, String value) {
    return out.append("  ".repeat(depth)).append(quote(name)).append(": ").append(value);
  }

  /** Quotes printable ASCII that holds no quote or backslash (checked by the constructor). */
  private static String quote(String text) {
    if (text.indexOf('"') >= 0 || text.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("no quotes or backslashes in vector strings");
    }
    return "\"" + text + "\"";
  }

  /**
   * Reads a vector file, refusing missing and unknown fields.
   *
   * @throws IOException if the text is not valid JSON
   * @throws IllegalArgumentException if a field is missing, unknown or of the wrong type
   */
  static EnvelopeVector fromJson(String json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    checkFields(root, TOP_FIELDS);
    JsonNode recipient = root.path("recipient");
    checkFields(recipient, RECIPIENT_FIELDS);
    JsonNode createdAt = recipient.path("createdAtMillis");
    if (!createdAt.isIntegralNumber()) {
      throw new IllegalArgumentException("createdAtMillis must be an integer");
    }
    return new EnvelopeVector(
        text(root, "description"),
        Expect.fromLabel(text(root, "expect")),
        Form.fromLabel(text(root, "form")),
        root.has("plaintext") ? Optional.of(hex(root, "plaintext")) : Optional.empty(),
        text(recipient, "userId"),
        createdAt.longValue(),
        hex(recipient, "rsaPkcs8"),
        hex(recipient, "ed25519Seed"),
        hex(root, "senderBundle"),
        hex(root, "envelope"));
  }

  private static void checkFields(JsonNode node, Set<String> allowed) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown fields " + unknown);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return value.textValue();
  }

  private static Bytes hex(JsonNode node, String field) {
    String value = text(node, field);
    boolean lowercaseHex =
        value.length() % 2 == 0
            && value.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    if (!lowercaseHex) {
      throw new IllegalArgumentException(field + " must be lowercase hex");
    }
    return Bytes.fromHex(value);
  }
}
