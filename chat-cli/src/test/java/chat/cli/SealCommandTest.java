package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Armor;
import chat.crypto.Envelope;
import chat.crypto.Recipient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealCommandTest {
  @TempDir Path temp;

  private static String home(String user) {
    return Identities.home(user).toString();
  }

  private static String pub(String user) {
    return Identities.pub(user).toString();
  }

  /** Alice seals to bob from {@code in} to {@code out}. */
  private static Cli.Result sealToFile(Path in, Path out, String... more) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "seal",
                "--home",
                home("alice"),
                "--to",
                pub("bob"),
                "--in",
                in.toString(),
                "--out",
                out.toString()));
    arguments.addAll(List.of(more));
    return Cli.withPassphrase().run(arguments.toArray(String[]::new));
  }

  @Test
  void seal_raw_writesFullEnvelopeToSenderAndRecipients() throws Exception {
    Cli.Result result =
        Cli.withPassphrase()
            .stdin("hello bob")
            .run("seal", "--home", home("alice"), "--to", pub("bob"), "--to", pub("carol"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Envelope envelope = Envelope.parse(result.stdout());
    assertThat(envelope.recipientSet())
        .extracting(Recipient::userId)
        .containsExactly("alice", "bob", "carol");
    assertThat(envelope.header().conversationId()).isEqualTo("offline");
    assertThat(envelope.header().senderId()).isEqualTo("alice");
    assertThat(envelope.header().timestampMillis()).isEqualTo(Cli.NOW.toEpochMilli());
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEmpty();
  }

  @Test
  void seal_armor_writesArmoredEnvelopeWithConversation() throws Exception {
    Cli.Result result =
        Cli.withPassphrase()
            .stdin("hi")
            .run(
                "seal",
                "-a",
                "--home",
                home("alice"),
                "--to",
                pub("bob"),
                "--conversation",
                "team-42");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String text = result.stdoutText();
    assertThat(text)
        .startsWith("-----BEGIN CHAT ENVELOPE-----\n")
        .endsWith("-----END CHAT ENVELOPE-----\n");
    Envelope envelope =
        Envelope.parse(Armor.decode(Armor.ENVELOPE, text.getBytes(StandardCharsets.US_ASCII)));
    assertThat(envelope.header().conversationId()).isEqualTo("team-42");
  }

  @Test
  void seal_inAndOutFiles() throws Exception {
    Path in = Files.writeString(temp.resolve("message.txt"), "from a file");
    Path out = temp.resolve("message.env");

    Cli.Result result = sealToFile(in, out);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).isEmpty();
    assertThat(Envelope.parse(Files.readAllBytes(out)).recipientSet()).hasSize(2);
  }

  /** Through a link too: seal writes through one, which would replace the message. */
  @Test
  void seal_outNamingTheInputFile_isRefused_andTheMessageKept() throws Exception {
    Path in = Files.writeString(temp.resolve("message.txt"), "the only copy");
    Path link = Files.createSymbolicLink(temp.resolve("link.txt"), in);

    Cli.Result result = sealToFile(in, link);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("--in and --out name the same file");
    assertThat(Files.readString(in)).isEqualTo("the only copy");
  }

  /** As keys export: an existing file is replaced only with --force. */
  @Test
  void seal_outNamingAnExistingFile_isRefusedUnlessForced() throws Exception {
    Path in = Files.writeString(temp.resolve("message.txt"), "hello bob");
    Path out = Files.writeString(temp.resolve("precious.txt"), "precious");

    Cli.Result refused = sealToFile(in, out);

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .isEqualTo(
            "chat: "
                + out
                + " already exists; choose another file, or add --force to replace it\n");
    assertThat(Files.readString(out)).isEqualTo("precious");

    Cli.Result forced = sealToFile(in, out, "--force");

    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(Envelope.parse(Files.readAllBytes(out)).recipientSet()).hasSize(2);
  }

  /** A device is written to, as before; a folder is asked for a file name in it. */
  @Test
  void seal_outADevice_isWrittenTo_aFolder_isRefusedNamingAFileInIt() throws Exception {
    Path in = Files.writeString(temp.resolve("message.txt"), "hello bob");
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/null")), "needs /dev/null");

    Cli.Result device = sealToFile(in, Path.of("/dev/null"));
    Cli.Result folder = sealToFile(in, temp);

    assertThat(device.exitCode()).as(device.toString()).isZero();
    assertThat(folder.exitCode()).isEqualTo(1);
    assertThat(folder.err())
        .isEqualTo(
            "chat: "
                + temp
                + " is a folder: name the file to write in it, such as "
                + temp.resolve("sealed.env")
                + "\n");
  }

  @Test
  void seal_wrongPassphrase_exits2WithClearMessage() {
    Cli.Result result =
        new Cli()
            .env(Passphrases.ENV_PASSPHRASE, "Correct Horse Battery Staple")
            .stdin("hi")
            .run("seal", "--home", home("alice"), "--to", pub("bob"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "chat: wrong passphrase (from CHAT_PASSPHRASE) for "
                + Identities.home("alice").resolve("identity.key")
                + ", or the key file is damaged\n");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void seal_typedPassphrase_promptsOnce() {
    Cli.Result result =
        new Cli()
            .typed(Cli.PASSPHRASE)
            .stdin("hi")
            .run("seal", "-a", "--home", home("alice"), "--to", pub("bob"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.prompts()).hasSize(1);
  }

  /** Enter alone at the prompt: said at once, as Ctrl-D is, not after a slow wrong unlock. */
  @Test
  void seal_nothingTypedAtThePrompt_saysSo_exit2() {
    Cli.Result result =
        new Cli()
            .typed("")
            .stdin("hi")
            .run("seal", "-a", "--home", home("alice"), "--to", pub("bob"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("chat: no key passphrase entered\n");
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void seal_binaryToTerminal_refused() {
    Cli.Result result =
        Cli.withPassphrase()
            .terminal(true)
            .stdin("hi")
            .run("seal", "--home", home("alice"), "--to", pub("bob"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--armor");
  }

  @Test
  void seal_tooLarge_exits1() {
    Cli.Result result =
        Cli.withPassphrase()
            .stdin(new byte[Envelope.MAX_PLAINTEXT_BYTES + 1])
            .run("seal", "--home", home("alice"), "--to", pub("bob"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("larger than 1 MiB");
  }

  @Test
  void seal_missingRecipientFile_exits7() {
    Path missing = temp.resolve("nobody.pub");

    Cli.Result result =
        Cli.withPassphrase()
            .stdin("hi")
            .run("seal", "--home", home("alice"), "--to", missing.toString());

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err()).contains(missing.toString(), "no such file");
  }

  @Test
  void seal_missingInFile_exits7() {
    Cli.Result result =
        Cli.withPassphrase()
            .run("seal", "--home", home("alice"), "--in", temp.resolve("nope.txt").toString());

    assertThat(result.exitCode()).isEqualTo(7);
  }

  @Test
  void seal_recipientFileIsGarbage_exits4() throws Exception {
    Path garbage = Files.writeString(temp.resolve("bob.pub"), "not a bundle at all");

    Cli.Result result =
        Cli.withPassphrase()
            .stdin("hi")
            .run("seal", "--home", home("alice"), "--to", garbage.toString());

    assertThat(result.exitCode()).isEqualTo(4);
  }

  @Test
  void seal_unreadableKeyFile_exits7() throws Exception {
    Path home = Identities.copy("alice", temp.resolve("alice"));
    Path keyFile = home.resolve("identity.key");
    keyFile.toFile().setReadable(false, false);
    org.junit.jupiter.api.Assumptions.assumeFalse(
        Files.isReadable(keyFile), "running as root: permissions are not enforced");

    Cli.Result result = Cli.withPassphrase().stdin("hi").run("seal", "--home", home.toString());

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.err()).contains("permission denied");
  }
}
