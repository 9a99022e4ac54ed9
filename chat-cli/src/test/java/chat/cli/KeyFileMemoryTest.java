package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.KdfParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key file whose Argon2id memory cost is more than the client's heap can hold (a key backup a
 * relay hands back, or a key file made elsewhere, opened on a small machine) is refused before the
 * derivation runs, saying how to give the client more, instead of the client failing with an {@link
 * OutOfMemoryError}.
 */
class KeyFileMemoryTest {
  /** Where a key file's Argon2id memory cost (KiB, big-endian) lies: after magic, version, KDF. */
  private static final int MEMORY_OFFSET = 7 + 1 + 1;

  @TempDir Path temp;

  /** {@code alice}'s key file with its memory cost made {@code memoryKiB}. */
  private static byte[] keyFileAsking(int memoryKiB) throws IOException {
    byte[] file = Files.readAllBytes(Identities.home("alice").resolve(IdentityHome.KEY_FILE_NAME));
    ByteBuffer.wrap(file).putInt(MEMORY_OFFSET, memoryKiB);
    return file;
  }

  @Test
  void open_aFileWithinTheHeap_opens() throws Exception {
    byte[] file = Files.readAllBytes(Identities.home("alice").resolve(IdentityHome.KEY_FILE_NAME));

    assertThat(
            KeyFileMemory.open(file, Cli.PASSPHRASE.toCharArray(), "identity.key", 256L << 20)
                .userId())
        .isEqualTo("alice");
  }

  @Test
  void open_aFileAskingMoreThanTheHeap_isRefusedWithTheHeapItNeeds() throws Exception {
    byte[] file = keyFileAsking(KdfParameters.MAX_MEMORY_KIB);

    assertThatThrownBy(
            () ->
                KeyFileMemory.open(
                    file, Cli.PASSPHRASE.toCharArray(), "the key backup on the relay", 512L << 20))
        .isInstanceOf(CommandException.Auth.class)
        .hasMessage(
            "the key backup on the relay needs about 1136 MiB of memory to unlock (its Argon2id"
                + " cost is 1024 MiB), and this client may use 512 MiB: start it with a larger"
                + " heap, e.g. CHAT_JAVA_OPTS=-Xmx1472m");
  }

  /**
   * The heap suggested is enough with every collector: the parallel collector reports about nine
   * tenths of {@code -Xmx} as usable.
   */
  @Test
  void suggestedHeap_leavesRoomForWhatTheJvmKeepsBack() {
    long needed = KeyFileMemory.heapNeeded(new KdfParameters(KdfParameters.MAX_MEMORY_KIB, 10, 16));

    long suggested = KeyFileMemory.suggestedHeapMiB(needed);

    assertThat(suggested % 64).isZero();
    assertThat((suggested << 20) * 85 / 100).isGreaterThanOrEqualTo(needed);
  }

  /**
   * The client itself, in a JVM of its own with a 64 MiB heap, unlocking a key file that asks for
   * 256 MiB: one line saying so and exit 2 (before, the derivation ran out of memory: exit 1 and an
   * {@code OutOfMemoryError} line).
   */
  @Test
  void chatSeal_onASmallHeap_aKeyFileAskingForMore_saysSoAndExits2() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));
    Files.write(home.resolve(IdentityHome.KEY_FILE_NAME), keyFileAsking(256 * 1024));
    Path err = temp.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "seal",
                "--home",
                home.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile());
    builder.environment().put("CHAT_PASSPHRASE", Cli.PASSPHRASE);
    builder.environment().remove("JAVA_TOOL_OPTIONS"); // its "Picked up" line would be a 2nd line
    Process chat = builder.start();
    chat.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
    chat.getOutputStream().close();

    assertThat(chat.waitFor(60, TimeUnit.SECONDS)).as("chat seal ended").isTrue();
    String stderr = Files.readString(err);
    assertThat(chat.exitValue()).as(stderr).isEqualTo(2);
    assertThat(stderr)
        .startsWith(
            "chat: "
                + home.resolve(IdentityHome.KEY_FILE_NAME)
                + " needs about 320 MiB of memory to unlock (its Argon2id cost is 256 MiB), and"
                + " this client may use ")
        .contains("CHAT_JAVA_OPTS=-Xmx448m")
        .doesNotContain("OutOfMemoryError");
    assertThat(stderr.lines()).hasSize(1);
  }
}
