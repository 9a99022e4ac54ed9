package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.EnvelopeVector.Expect;
import chat.crypto.EnvelopeVector.Form;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in envelope vectors: they are exactly what the generator makes today, and each one
 * opens to exactly its expected outcome.
 */
class EnvelopeVectorsTest {
  /** The checked-in files in the source tree (Surefire sets {@code basedir} to the module). */
  static final Path CHECKED_IN =
      Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/vectors/envelope");

  private static final EnvelopeOpener OPENER = new EnvelopeOpener(new SecureRandom());

  static List<Path> vectorFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toList());
  }

  @Test
  void generator_rerun_reproducesCheckedInFilesByteForByte(@TempDir Path temp) throws IOException {
    EnvelopeVectorGenerator.write(temp);
    List<Path> checkedIn = vectorFiles(CHECKED_IN);

    assertThat(names(checkedIn))
        .as("vector files; regenerate as vectors/README.md says")
        .containsExactlyElementsOf(names(vectorFiles(temp)));
    List<String> stale = new ArrayList<>();
    for (Path file : checkedIn) {
      if (Files.mismatch(file, temp.resolve(file.getFileName().toString())) != -1) {
        stale.add(file.getFileName().toString());
      }
    }
    assertThat(stale).as("stale vectors; regenerate as vectors/README.md says").isEmpty();
  }

  @Test
  void open_everyCheckedInVector_reachesExactlyItsExpectedOutcome() throws IOException {
    List<Path> files = vectorFiles(CHECKED_IN);
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      EnvelopeVector vector = EnvelopeVector.fromJson(Files.readString(file));
      String outcome;
      try {
        outcome = outcome(vector);
      } catch (CryptoException | RuntimeException e) {
        outcome = "error " + e;
      }
      if (!outcome.equals(vector.expect().label())) {
        failures.add(
            file.getFileName() + ": expected " + vector.expect().label() + ", got " + outcome);
      }
    }

    assertThat(files).hasSizeGreaterThan(10);
    assertThat(failures).isEmpty();
  }

  /**
   * Opens {@code vector} and names the stage it stopped at: {@code ok} (with the expected
   * plaintext), {@code parse}, {@code auth} or {@code no-match}.
   *
   * @throws CryptoException if the vector's own keys or sender bundle are invalid
   */
  private static String outcome(EnvelopeVector vector) throws CryptoException {
    IdentityKeyPair me = vector.recipient();
    IdentityBundle sender = IdentityBundle.parse(vector.senderBundle().toByteArray());
    byte[] wire = vector.envelope().toByteArray();
    OpenedMessage opened;
    try {
      opened =
          vector.form() == Form.FULL
              ? OPENER.open(me, sender, Envelope.parse(wire))
              : OPENER.open(me, sender, RecipientEnvelope.parse(wire));
    } catch (MalformedDataException e) {
      return Expect.PARSE.label();
    } catch (AuthenticationException e) {
      return Expect.AUTH.label();
    } catch (NotRecipientException e) {
      return Expect.NO_MATCH.label();
    }
    Optional<Bytes> plaintext = Optional.of(Bytes.of(opened.plaintext()));
    return plaintext.equals(vector.plaintext()) ? Expect.OK.label() : "ok with another plaintext";
  }

  @Test
  void checkedInVectors_coverEveryStageAndForm() throws IOException {
    Set<Expect> stages = EnumSet.noneOf(Expect.class);
    Set<Form> forms = EnumSet.noneOf(Form.class);
    for (Path file : vectorFiles(CHECKED_IN)) {
      EnvelopeVector vector = EnvelopeVector.fromJson(Files.readString(file));
      stages.add(vector.expect());
      forms.add(vector.form());
    }

    assertThat(stages).containsExactlyInAnyOrder(Expect.values());
    assertThat(forms).containsExactlyInAnyOrder(Form.values());
  }

  @Test
  void fromJson_toJson_roundTripsEveryCase() throws IOException {
    for (EnvelopeVector vector : EnvelopeVectorCases.all().values()) {
      assertThat(EnvelopeVector.fromJson(vector.toJson())).isEqualTo(vector);
    }
  }

  @Test
  void fromJson_unknownOrMissingField_throwsIllegalArgument() {
    String json = EnvelopeVectorCases.all().get("valid-two-recipients").toJson();

    assertThatThrownBy(() -> EnvelopeVector.fromJson(json.replace("\"form\"", "\"shape\"")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnvelopeVector.fromJson(json.replace("\"expect\": \"ok\",", "")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
